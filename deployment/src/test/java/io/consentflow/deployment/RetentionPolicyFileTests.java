package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The deployed policy document (k8s/base/config/retention-policies.yml) is in the format retention-service reads:
 * the same keys and policy kinds as the document it bundles, so a mounted file cannot stop the service at start.
 */
class RetentionPolicyFileTests {

    private static final String DEPLOYED = "k8s/base/config/retention-policies.yml";
    private static final String BUNDLED = "retention-service/src/main/resources/retention-policies.yml";

    @Test
    void deployedDocumentUsesTheBundledFormatAndCoversEveryKind() {
        Map<String, Object> deployed = Repo.yamlDocument(Repo.path(DEPLOYED));
        Map<String, Object> bundled = Repo.yamlDocument(Repo.path(BUNDLED));
        assertThat(bundled.keySet()).containsAll(deployed.keySet());
        assertThat(deployed).containsKeys("controller", "zone", "policies");
        Set<String> bundledFields = new TreeSet<>();
        policies(bundled).forEach(policy -> bundledFields.addAll(policy.keySet()));
        for (Map<String, Object> policy : policies(deployed)) {
            assertThat(bundledFields).as("fields of policy %s", policy.get("id")).containsAll(policy.keySet());
            assertThat(policy).containsKeys("id", "kind", "dataCategories", "legalBasis", "description");
        }
        assertThat(kinds(deployed)).as("every kind the bundled document has").containsAll(kinds(bundled));
        assertThat(kinds(bundled)).as("no kind retention-service does not know").containsAll(kinds(deployed));
        assertThat(policies(deployed)).extracting(p -> p.get("id")).doesNotHaveDuplicates();
    }

    @Test
    void topicPoliciesNeverAllowMoreThanTheCatalogKeeps() {
        for (Map<String, Object> policy : policies(Repo.yamlDocument(Repo.path(DEPLOYED)))) {
            if ("TOPIC_RETENTION".equals(policy.get("kind"))) {
                Duration period = duration((String) policy.get("period"));
                String topic = (String) policy.get("topic");
                long catalogMs = Long.parseLong(Topics.byName(topic).orElseThrow().configs().get("retention.ms"));
                assertThat(period.toMillis()).as(topic).isLessThanOrEqualTo(catalogMs);
            }
        }
    }

    /**
     * The Art. 30 record states how long traces of a number no subject named are kept; audit-service's default for
     * its unlinked salts (its application.yml) and the gateway's for unlinked claims must keep no longer.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theUnlinkedContactPolicyStatesWhatTheServicesKeep() {
        for (String file : List.of(DEPLOYED, BUNDLED)) {
            Map<String, Object> policy = policies(Repo.yamlDocument(Repo.path(file))).stream()
                    .filter(p -> "UNLINKED_CONTACT".equals(p.get("kind"))).findFirst().orElseThrow();
            Duration period = duration((String) policy.get("period"));
            Map<String, Object> audit = (Map<String, Object>) ((Map<String, Object>) Repo.yamlDocument(
                    Repo.path("audit-service/src/main/resources/application.yml")).get("consentflow")).get("audit");
            String keep = (String) ((Map<String, Object>) audit.get("unlinked-salts")).get("keep");
            assertThat(keep).startsWith("${AUDIT_UNLINKED_CONTACT_RETENTION:");
            assertThat(duration(keep.substring(keep.indexOf(':') + 1, keep.length() - 1))).as(file)
                    .isLessThanOrEqualTo(period);
            String gateway = Repo.read("messaging-gateway/src/main/java/io/consentflow/gateway/adapters/mongo/"
                    + "UnlinkedClaimsExpiry.java");
            assertThat(gateway).as("the gateway's default").contains("${consentflow.gateway.retention.unlinked-claims:"
                    + policy.get("period") + "}");
        }
    }

    /** ISO-8601 period or duration; years and months at their average length, as the catalog counts them. */
    static Duration duration(String iso) {
        try {
            return Duration.parse(iso);
        } catch (java.time.format.DateTimeParseException e) {
            java.time.Period period = java.time.Period.parse(iso);
            return java.time.temporal.ChronoUnit.YEARS.getDuration().multipliedBy(period.getYears())
                    .plus(java.time.temporal.ChronoUnit.MONTHS.getDuration().multipliedBy(period.getMonths()))
                    .plusDays(period.getDays());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> policies(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.get("policies");
    }

    private static Set<Object> kinds(Map<String, Object> document) {
        Set<Object> kinds = new TreeSet<>();
        policies(document).forEach(policy -> kinds.add(policy.get("kind")));
        return kinds;
    }
}
