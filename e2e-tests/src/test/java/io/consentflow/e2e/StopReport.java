package io.consentflow.e2e;

/** The STOP figures of the steady phase: how soon after a STOP the gate, the view and consent-state hold it. */
final class StopReport {

    /** Issue 27 item 2: STOP -> gate p99 <= 100 ms while 1,000 sends/s are offered. */
    static final long STOP_TARGET_P99_MILLIS = 100;

    private StopReport() {
    }

    static void report(BenchReport report, StopProbe.Result stops) {
        int phones = stops.toBlockedMillis().size() + stops.timeouts();
        long p99 = Bench.percentile(stops.toGateMillis(), 99);
        report.figure("stop_to_gate_p50", Bench.percentile(stops.toGateMillis(), 50), "ms",
                "STOP webhook sent (simulator POST returned) -> the gateway answers that its gate judges the number "
                        + "STOPPED (GET /api/v1/contacts/{contactKey}/consent every " + GateWatch.INTERVAL_MILLIS
                        + " ms, time of the answer), under the steady load: from then on it refuses every send to it");
        boolean met = stops.toGateMillis().size() == phones && p99 >= 0 && p99 <= STOP_TARGET_P99_MILLIS;
        report.figure("stop_to_gate_p99", p99, "ms", "same, p99 (target <= " + STOP_TARGET_P99_MILLIS + " ms: "
                + (met ? "MET" : "NOT MET") + ")");
        report.figure("stop_reached_gate", stops.toGateMillis().size() + "/" + phones, "phones",
                "stopped phones the gate judged STOPPED within 30 s");
        report.figure("stop_to_gate_each", stops.toGateMillis(), "ms",
                "every stopped phone's figure, in the order the STOPs were sent: when the tail happened");
        report.figure("stop_to_gate_max", stops.toGateMillis().stream().mapToLong(Long::longValue).max().orElse(-1),
                "ms", "the slowest STOP of the run");
        report.figure("stop_to_probe_blocked_p50", Bench.percentile(stops.toBlockedMillis(), 50), "ms",
                "STOP webhook sent -> first MessageBlocked{STOPPED} record of a probe send request (one every "
                        + StopProbe.PROBE_INTERVAL_MILLIS + " ms): includes the probe's wait behind the campaign's "
                        + "backlog in send-requests");
        report.figure("stop_to_probe_blocked_p99", Bench.percentile(stops.toBlockedMillis(), 99), "ms",
                "same, p99");
        report.figure("stop_probe_blocked_within_30s", stops.toBlockedMillis().size() + "/" + phones, "phones",
                "stopped phones whose probes were blocked within 30 s (the probe percentiles cover only these)");
        report.figure("stop_to_inbound_p50", Bench.percentile(stops.toInboundMillis(), 50), "ms",
                "STOP webhook sent -> the gateway published it on whatsapp-inbound (record timestamp): the webhook's "
                        + "trip, signature check and receipt");
        report.figure("stop_to_inbound_p99", Bench.percentile(stops.toInboundMillis(), 99), "ms", "same, p99");
        report.figure("stop_to_inbound_each", stops.toInboundMillis(), "ms", "every phone's, in the order sent");
        report.figure("stop_to_state_p50", Bench.percentile(stops.toStateMillis(), 50), "ms",
                "STOP webhook sent -> consent-state STOPPED record (consent-service's part)");
        report.figure("stop_to_state_p99", Bench.percentile(stops.toStateMillis(), 99), "ms", "same, p99");
        report.figure("stop_to_gateway_view_p50", Bench.percentile(stops.toViewMillis(), 50), "ms",
                "STOP webhook sent -> the gateway's consent view holds the STOP read on whatsapp-inbound or the "
                        + "STOPPED snapshot, whichever first (its applied offsets on the public Prometheus endpoint, "
                        + "sampled every " + ViewOffsets.INTERVAL_MILLIS + " ms): from then on every send to the "
                        + "number it judges is refused; no send request queued behind the backlog");
        report.figure("stop_to_gateway_view_p99", Bench.percentile(stops.toViewMillis(), 99), "ms", "same, p99");
        report.figure("stop_reached_gateway_view", stops.toViewMillis().size() + "/"
                + (stops.toBlockedMillis().size() + stops.timeouts()), "phones",
                "stopped phones whose STOP the gateway's view held by the end of the phase");
        report.figure("stop_reached_state", stops.toStateMillis().size() + "/"
                + (stops.toBlockedMillis().size() + stops.timeouts()), "phones",
                "stopped phones with a STOPPED snapshot on consent-state by the end of the phase");
        report.figure("stop_probe_trip_p50", Bench.percentile(stops.probeTripMillis(), 50), "ms",
                "the blocking probe's own send-request -> MessageBlocked time (queueing in the gateway)");
        report.figure("stop_sent_after_stop", stops.sentAfterStop(), "msgs",
                "probes still sent after the STOP webhook (in flight before the STOP took effect)");
    }
}
