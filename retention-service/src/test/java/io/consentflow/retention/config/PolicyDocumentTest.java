package io.consentflow.retention.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.retention.domain.InvalidPolicyException;
import io.consentflow.retention.domain.PolicyKind;
import io.consentflow.retention.domain.RetentionPolicies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The policy document: the shipped default is valid, and every kind of bad entry is rejected by name. */
class PolicyDocumentTest {

    private static final String VALID = """
            zone: Europe/Berlin
            policies:
              - {id: pending, kind: PENDING_OPT_IN, period: PT48H, legalBasis: b, description: d}
              - {id: log, kind: MESSAGE_LOG, period: P90D, legalBasis: b, description: d}
              - {id: proof, kind: CONSENT_PROOF, period: P3Y, legalBasis: b, description: d}
              - {id: inactive, kind: INACTIVE_CONSENT, period: P24M, legalBasis: b, description: d}
              - {id: fair, kind: PURPOSE_END, purpose: event-updates, lastDay: 2027-06-30, legalBasis: b, description: d}
              - {id: sr, kind: TOPIC_RETENTION, topic: send-requests, period: P2D, legalBasis: b, description: d}
            """;

    @Test
    void theShippedDefaultHoldsEveryPolicyOfTheDesign() {
        RetentionPolicies policies = new PolicyConfiguration().retentionPolicies(
                new RetentionProperties("", true, Duration.ofHours(1), null));

        assertThat(policies.single(PolicyKind.PENDING_OPT_IN).period().toString()).isEqualTo("PT48H");
        assertThat(policies.single(PolicyKind.MESSAGE_LOG).period().toString()).isEqualTo("P90D");
        assertThat(policies.single(PolicyKind.CONSENT_PROOF).period().toString()).isEqualTo("P3Y");
        assertThat(policies.single(PolicyKind.INACTIVE_CONSENT).period().toString()).isEqualTo("P24M");
        assertThat(policies.purposeEnds()).containsKey("event-updates");
        assertThat(policies.topicRetention()).containsOnlyKeys("send-requests", "whatsapp-inbound");
        assertThat(policies.topicRetention().values()).allSatisfy(max -> assertThat(max).isLessThanOrEqualTo(
                io.consentflow.schemas.Topics.PERSONAL_DATA_TOPIC_RETENTION));
        assertThat(policies.policies()).allSatisfy(policy -> {
            assertThat(policy.legalBasis()).isNotBlank();
            assertThat(policy.description()).isNotBlank();
        });
    }

    @Test
    void aValidDocumentParsesWithCalendarPeriodsAndPurposeEnds() {
        RetentionPolicies policies = parse(VALID);

        assertThat(policies.purposeEnds().get("event-updates"))
                .isEqualTo(LocalDate.of(2027, 7, 1).atStartOfDay(policies.zone()).toInstant());
        // three years after a leap day end on 28 February, in the document's zone
        Instant leapDay = LocalDate.of(2028, 2, 29).atTime(12, 0).atZone(policies.zone()).toInstant();
        assertThat(policies.deadline(PolicyKind.CONSENT_PROOF, leapDay))
                .isEqualTo(LocalDate.of(2031, 2, 28).atTime(12, 0).atZone(policies.zone()).toInstant());
        assertThat(policies.topicRetention()).containsEntry("send-requests", Duration.ofDays(2));
    }

    @Test
    void aNonPositivePeriodIsNamedByItsPath() {
        assertThatThrownBy(() -> parse(VALID.replace("period: P3Y", "period: P0D")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("policies[2].period: must be positive");
        assertThatThrownBy(() -> parse(VALID.replace("period: PT48H", "period: -PT1H")))
                .hasMessageContaining("policies[0].period: must be positive");
    }

    @Test
    void everyBadEntryIsReportedAtOnce() {
        String bad = VALID.replace("period: P90D", "period: ninety days")
                .replace("kind: INACTIVE_CONSENT", "kind: FOREVER")
                .replace("lastDay: 2027-06-30", "lastDay: someday")
                .replace("legalBasis: b, description: d}\n  - {id: log", "legalBasis: ' ', description: d}\n  - {id: log");

        assertThatThrownBy(() -> parse(bad)).isInstanceOf(InvalidPolicyException.class)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).problems()).containsExactly(
                        "policies[0].legalBasis: must not be blank",
                        "policies[1].period: not an ISO-8601 period such as PT48H, P90D, P24M or P3Y",
                        "policies[3].kind: must be one of [PENDING_OPT_IN, MESSAGE_LOG, CONSENT_PROOF, "
                                + "INACTIVE_CONSENT, PURPOSE_END, TOPIC_RETENTION, UNLINKED_CONTACT]",
                        "policies[4].lastDay: must be a date such as 2027-06-30"));
    }

    @Test
    void topicRetentionMayNotExceedTheCatalogNorNameAnotherTopic() {
        assertThatThrownBy(() -> parse(VALID.replace("topic: send-requests, period: P2D",
                "topic: send-requests, period: P30D")))
                .hasMessageContaining("policies[5].period: P30D exceeds the catalog's maximum PT72H for send-requests");
        assertThatThrownBy(() -> parse(VALID.replace("topic: send-requests", "topic: consent-events")))
                .hasMessageContaining("policies[5].topic: 'consent-events' is not a topic carrying phone numbers");
    }

    @Test
    void missingAndDuplicateEntriesAreRejected() {
        assertThatThrownBy(() -> parse(VALID.replace("id: log, kind: MESSAGE_LOG", "id: pending, kind: PENDING_OPT_IN")))
                .hasMessageContaining("policies[1].id: duplicate 'pending'")
                .hasMessageContaining("policies: need exactly one PENDING_OPT_IN entry, found 2")
                .hasMessageContaining("policies: need exactly one MESSAGE_LOG entry, found 0");
        assertThatThrownBy(() -> parse("zone: Mars/Olympus\npolicies: []"))
                .hasMessageContaining("zone: unknown time zone")
                .hasMessageContaining("policies: must be a non-empty list");
        assertThatThrownBy(() -> parse("policies: [unclosed")).hasMessageContaining("document: not valid YAML");
    }

    @Test
    void theServiceRefusesToStartWithAnInvalidPolicyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policies.yml");
        Files.writeString(file, VALID.replace("period: P3Y", "period: P0D"));

        new ApplicationContextRunner().withUserConfiguration(PolicyConfiguration.class)
                .withPropertyValues("consentflow.retention.policy-file=" + file)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(InvalidPolicyException.class)
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining("policies[2].period: must be positive"));

        Files.writeString(file, VALID);
        new ApplicationContextRunner().withUserConfiguration(PolicyConfiguration.class)
                .withPropertyValues("consentflow.retention.policy-file=" + file)
                .run(context -> assertThat(context).hasNotFailed().getBean(RetentionPolicies.class)
                        .satisfies(policies -> assertThat(policies.topicRetention())
                                .containsEntry("send-requests", Duration.ofDays(2))));
    }

    private static RetentionPolicies parse(String yaml) {
        return PolicyConfiguration.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}
