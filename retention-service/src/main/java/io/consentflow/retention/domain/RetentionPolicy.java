package io.consentflow.retention.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the policy document, and one line of the Art. 30 record of deletion periods.
 *
 * @param period  for every kind but PURPOSE_END
 * @param purpose for PURPOSE_END
 * @param lastDay for PURPOSE_END: the last day the purpose is pursued (inclusive, in the document's zone)
 * @param topic   for TOPIC_RETENTION
 */
public record RetentionPolicy(String id, PolicyKind kind, RetentionPeriod period, String purpose, LocalDate lastDay,
        String topic, List<String> dataCategories, String legalBasis, String description) {

    public RetentionPolicy {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
    }
}
