package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the suite did, counted where every event passes exactly once: each entry the log wrote (redeliveries are not
 * written again) by topic and type, records on any dead-letter topic, and failed sends by Cloud API error code. The
 * dashboard's opt-ins, STOPs and erasures and the dead-letter and send-failure alerts read these
 * (k8s/base/monitoring). Tags are names and codes only, never ids or payload values. Counters are kept once made: a
 * registry lookup per entry (building and hashing the id) would cost about a microsecond each.
 */
final class RecordedEventMeters {

    static final String RECORDED = "consentflow.audit.recorded";
    static final String DEAD_LETTERS = "consentflow.audit.dead_letters";
    static final String SEND_FAILURES = "consentflow.audit.send_failures";

    private final MeterRegistry meters;
    /** Bounded by topics x event types, and by the Cloud API's error codes. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RecordedEventMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void recorded(List<AuditEntry> written) {
        for (AuditEntry entry : written) {
            String type = entry.type() == null ? "undecodable" : entry.type();
            counter(RECORDED, "topic", entry.topic(), "type", type).increment();
            if (entry.topic().endsWith(Topics.DLT_SUFFIX)) {
                counter(DEAD_LETTERS, "topic", entry.topic()).increment();
            } else if ("MessageFailed".equals(type)) {
                Object code = entry.payload() == null ? null : entry.payload().get("errorCode");
                counter(SEND_FAILURES, "code", code == null ? "none" : code.toString()).increment();
            }
        }
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + "|" + String.join("|", tags), key -> meters.counter(name, tags));
    }
}
