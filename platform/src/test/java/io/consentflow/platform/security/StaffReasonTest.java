package io.consentflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.platform.web.InvalidInputException;
import org.junit.jupiter.api.Test;

class StaffReasonTest {

    @Test
    void aPercentEncodedReasonIsDecodedAndPlainAsciiNeedsNoEncoding() {
        assertThat(StaffReason.required("L%C3%B6schersuchen%20Ticket%2012")).isEqualTo("Löschersuchen Ticket 12");
        assertThat(StaffReason.required("ticket+4711")).isEqualTo("ticket 4711");
        assertThat(StaffReason.required("complaint 17")).isEqualTo("complaint 17");
        assertThat(StaffReason.read(null)).isEmpty();
        assertThat(StaffReason.read(" ")).isEmpty();
    }

    @Test
    void aMissingShortLongMultiLineOrMalformedReasonIsRefusedNamingTheHeader() {
        for (String bad : new String[] {null, "", "why", "x".repeat(301), "two%0Alines", "bad%zzescape"}) {
            assertThatThrownBy(() -> StaffReason.required(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors().get(0).field()).isEqualTo("X-Staff-Reason"));
        }
    }
}
