package io.consentflow.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

/** The console's own rules: roles from the ID token, who sees people, what a reason must be. */
class ConsoleRulesTest {

    @Test
    void onlyKnownRoleNamesBecomeAuthorities() {
        assertThat(ConsoleSecurity.roleAuthorities(List.of("DPO", "ROOT", "dpo", "MARKETING")))
                .extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("ROLE_DPO", "ROLE_MARKETING");
        assertThat(ConsoleSecurity.roleAuthorities(null)).isEmpty();
    }

    @Test
    void marketingSeesNoPersonAndOnlyDpoAndAdminExerciseRights() {
        assertThat(new Staff("m", Set.of("MARKETING")).seesPersonalData()).isFalse();
        assertThat(new Staff("s", Set.of("SUPPORT")).seesPersonalData()).isTrue();
        assertThat(new Staff("s", Set.of("SUPPORT")).exercisesRights()).isFalse();
        assertThat(new Staff("d", Set.of("DPO")).exercisesRights()).isTrue();
        assertThat(new Staff("a", Set.of("ADMIN", "MARKETING")).exercisesRights()).isTrue();
        assertThat(new Staff(null, Set.of()).seesPersonalData()).isFalse();
    }

    @Test
    void aReasonIsOneLineOfFiveTo300Characters() {
        assertThat(Reasons.problem("ticket 4711")).isNull();
        assertThat(Reasons.problem("Löschersuchen, Brief vom 1.12.")).isNull();
        assertThat(Reasons.problem(null)).contains("reason");
        assertThat(Reasons.problem("   ")).contains("reason");
        assertThat(Reasons.problem("why")).contains("5 to 300");
        char[] long301 = new char[301];
        Arrays.fill(long301, 'x');
        assertThat(Reasons.problem(new String(long301))).contains("5 to 300");
        assertThat(Reasons.problem("two\nlines")).contains("one line");
    }
}
