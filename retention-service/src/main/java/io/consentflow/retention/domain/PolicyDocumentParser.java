package io.consentflow.retention.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the loaded policy document (plain maps and lists, as a YAML parser yields them) into {@link RetentionPolicies},
 * collecting every problem with its path so an operator fixes the file in one go.
 */
public final class PolicyDocumentParser {

    private static final Set<PolicyKind> REQUIRED_ONCE = EnumSet.of(PolicyKind.PENDING_OPT_IN, PolicyKind.MESSAGE_LOG,
            PolicyKind.CONSENT_PROOF, PolicyKind.INACTIVE_CONSENT);

    private final Map<String, Duration> personalDataTopicLimits;

    /** @param personalDataTopicLimits the topics that carry phone numbers and the catalog's upper bound for each */
    public PolicyDocumentParser(Map<String, Duration> personalDataTopicLimits) {
        this.personalDataTopicLimits = Map.copyOf(personalDataTopicLimits);
    }

    public RetentionPolicies parse(Object document, String source) {
        List<String> problems = new ArrayList<>();
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidPolicyException(source, List.of("document: must be a mapping with 'policies'"));
        }
        ZoneId zone = zone(root.get("zone"), problems);
        String controller = root.get("controller") == null ? "" : root.get("controller").toString();
        List<RetentionPolicy> policies = new ArrayList<>();
        if (!(root.get("policies") instanceof List<?> entries) || entries.isEmpty()) {
            problems.add("policies: must be a non-empty list");
        } else {
            for (int i = 0; i < entries.size(); i++) {
                RetentionPolicy policy = entry(entries.get(i), "policies[" + i + "]", problems);
                if (policy != null) {
                    policies.add(policy);
                }
            }
            checkCompleteness(entries, policies, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(source, problems);
        }
        return new RetentionPolicies(controller, zone, policies);
    }

    private static ZoneId zone(Object value, List<String> problems) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value.toString());
        } catch (DateTimeException e) {
            problems.add("zone: unknown time zone");
            return ZoneOffset.UTC;
        }
    }

    private RetentionPolicy entry(Object raw, String path, List<String> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(path + ": must be a mapping");
            return null;
        }
        int before = problems.size();
        String id = text(map, "id", path, problems);
        PolicyKind kind = kind(map.get("kind"), path, problems);
        String legalBasis = text(map, "legalBasis", path, problems);
        String description = text(map, "description", path, problems);
        RetentionPeriod period = null;
        String purpose = null;
        LocalDate lastDay = null;
        String topic = null;
        if (kind == PolicyKind.PURPOSE_END) {
            purpose = text(map, "purpose", path, problems);
            lastDay = date(map.get("lastDay"), path + ".lastDay", problems);
        } else if (kind != null) {
            period = period(map.get("period"), path + ".period", problems);
        }
        if (kind == PolicyKind.TOPIC_RETENTION) {
            topic = text(map, "topic", path, problems);
            checkTopic(topic, period, path, problems);
        }
        List<String> categories = new ArrayList<>();
        if (map.get("dataCategories") instanceof List<?> list) {
            list.forEach(item -> categories.add(String.valueOf(item)));
        }
        return problems.size() > before ? null
                : new RetentionPolicy(id, kind, period, purpose, lastDay, topic, categories, legalBasis, description);
    }

    private void checkTopic(String topic, RetentionPeriod period, String path, List<String> problems) {
        if (topic == null) {
            return;
        }
        Duration limit = personalDataTopicLimits.get(topic);
        if (limit == null) {
            problems.add(path + ".topic: '" + topic + "' is not a topic carrying phone numbers "
                    + personalDataTopicLimits.keySet().stream().sorted().toList());
        } else if (period != null && period.atMost().compareTo(limit) > 0) {
            problems.add(path + ".period: " + period + " exceeds the catalog's maximum " + limit + " for " + topic);
        }
    }

    private static void checkCompleteness(List<?> entries, List<RetentionPolicy> policies, List<String> problems) {
        if (policies.size() < entries.size()) {
            return; // entry errors are already reported; completeness would only add noise
        }
        Set<String> ids = new HashSet<>();
        Set<String> purposes = new HashSet<>();
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < policies.size(); i++) {
            RetentionPolicy policy = policies.get(i);
            String path = "policies[" + i + "]";
            if (!ids.add(policy.id())) {
                problems.add(path + ".id: duplicate '" + policy.id() + "'");
            }
            if (policy.purpose() != null && !purposes.add(policy.purpose())) {
                problems.add(path + ".purpose: duplicate '" + policy.purpose() + "'");
            }
            if (policy.topic() != null && !topics.add(policy.topic())) {
                problems.add(path + ".topic: duplicate '" + policy.topic() + "'");
            }
        }
        for (PolicyKind kind : REQUIRED_ONCE) {
            long count = policies.stream().filter(policy -> policy.kind() == kind).count();
            if (count != 1) {
                problems.add("policies: need exactly one " + kind + " entry, found " + count);
            }
        }
    }

    private String text(Map<?, ?> map, String key, String path, List<String> problems) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            problems.add(path + "." + key + ": must not be blank");
            return null;
        }
        return value.toString().trim();
    }

    private static PolicyKind kind(Object value, String path, List<String> problems) {
        try {
            return PolicyKind.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            problems.add(path + ".kind: must be one of " + List.of(PolicyKind.values()));
            return null;
        }
    }

    private static RetentionPeriod period(Object value, String path, List<String> problems) {
        if (value == null) {
            problems.add(path + ": must not be blank");
            return null;
        }
        try {
            RetentionPeriod period = RetentionPeriod.parse(value.toString());
            if (!period.isPositive()) {
                problems.add(path + ": must be positive");
                return null;
            }
            return period;
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private static LocalDate date(Object value, String path, List<String> problems) {
        if (value instanceof java.util.Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate(); // YAML loaders read bare dates as UTC midnight
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeException e) {
            problems.add(path + ": must be a date such as 2027-06-30");
            return null;
        }
    }
}
