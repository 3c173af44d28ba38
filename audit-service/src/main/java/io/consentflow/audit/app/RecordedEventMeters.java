package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * What the suite did, counted where every event passes exactly once: each entry the log wrote (redeliveries are not
 * written again) by topic and type, records on any dead-letter topic, and failed sends by Cloud API error code. The
 * dashboard's opt-ins, STOPs and erasures and the dead-letter and send-failure alerts read these
 * (k8s/base/monitoring). Tags are names and codes only, never ids or payload values.
 */
final class RecordedEventMeters {

    static final String RECORDED = "consentflow.audit.recorded";
    static final String DEAD_LETTERS = "consentflow.audit.dead_letters";
    static final String SEND_FAILURES = "consentflow.audit.send_failures";

    private final MeterRegistry meters;

    RecordedEventMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void recorded(List<AuditEntry> written) {
        for (AuditEntry entry : written) {
            String type = entry.type() == null ? "undecodable" : entry.type();
            meters.counter(RECORDED, "topic", entry.topic(), "type", type).increment();
            if (entry.topic().endsWith(Topics.DLT_SUFFIX)) {
                meters.counter(DEAD_LETTERS, "topic", entry.topic()).increment();
            } else if ("MessageFailed".equals(type)) {
                Object code = entry.payload() == null ? null : entry.payload().get("errorCode");
                meters.counter(SEND_FAILURES, "code", code == null ? "none" : code.toString()).increment();
            }
        }
    }
}
