package io.consentflow.e2e;

import io.consentflow.events.ConsentStatus;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * STOP-to-block, measured per phone: the phone writes "STOP" (t0 = the simulator's POST returned, i.e. the signed
 * webhook is on its way to the gateway), then a marketing send request to that number is published at once and
 * every 25 ms (at most 4 awaiting their outcome) until one comes back "blocked STOPPED". The latency ends at the earliest record timestamp of a
 * MessageBlocked{STOPPED} probe: from then on the suite demonstrably refuses to message the number. It bounds from above
 * the moment the gateway's consent view flipped, and it includes the probe's own trip through send-requests, the
 * gateway and message-events, under whatever backlog the background load has built. Without that queueing: the
 * gateway's consent view passing the STOP on whatsapp-inbound or the STOPPED snapshot on consent-state, whichever
 * comes first ({@link ViewOffsets}); and, closest to the gate, the instance's own answer to "what would you judge
 * this contact by now" ({@link GateWatch}), which also sees a STOP the instance read on its webhook.
 */
final class StopProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_OUTSTANDING = 4;
    /** A new probe every 25 ms until one is blocked: the resolution of the measurement. */
    static final long PROBE_INTERVAL_MILLIS = 25;

    /**
     * @param toBlockedMillis t0 → MessageBlocked{STOPPED} record timestamp
     * @param toInboundMillis t0 → the gateway published the STOP on whatsapp-inbound (record timestamp)
     * @param toStateMillis   t0 → consent-state STOPPED record timestamp
     * @param toViewMillis    t0 → the gateway's consent view holds the STOP or that record (sampled every 20 ms)
     * @param toGateMillis    t0 → the gateway answers that it judges the contact STOPPED (asked every 20 ms)
     * @param probeTripMillis request timestamp → outcome timestamp of the blocking probe
     * @param sentAfterStop   probes that were still sent after t0 (the window in which STOP had not yet arrived)
     * @param timeouts        phones never blocked within the patience
     */
    record Result(List<Long> toBlockedMillis, List<Long> toInboundMillis, List<Long> toStateMillis,
            List<Long> toViewMillis, List<Long> toGateMillis,
            List<Long> probeTripMillis, int sentAfterStop, int timeouts) {
    }

    private final TimedTopics topics;
    private final SendLoad sends;
    private final ViewOffsets view;
    private final GateWatch gate;

    StopProbe(TimedTopics topics, SendLoad sends, ViewOffsets view, GateWatch gate) {
        this.topics = topics;
        this.sends = sends;
        this.view = view;
        this.gate = gate;
    }

    /** One phone's STOP and its probes. */
    private static final class Stopping {
        final Phone phone;
        final String contactKey;
        final List<String> probes = new ArrayList<>();
        long t0;
        long lastProbe;
        String blocking;
        boolean done;
        /** The gateway's view was seen holding the STOP, or the patience ran out: its sampling may stop. */
        boolean viewSeen;

        Stopping(Phone phone) {
            this.phone = phone;
            this.contactKey = Contacts.contactKey(phone.e164());
        }
    }

    /**
     * One STOP every {@code interval} on schedule, whatever the backlog; each stopped phone is probed until blocked
     * (at most {@link #MAX_OUTSTANDING} probes without outcome at a time, so a slow gateway is not flooded).
     */
    Result run(List<Phone> phones, Duration interval) {
        List<Stopping> all = phones.stream().map(Stopping::new).toList();
        long start = System.currentTimeMillis();
        int started = 0;
        while (started < all.size() || all.stream().anyMatch(s -> !s.done || !s.viewSeen)) {
            long now = System.currentTimeMillis();
            if (started < all.size() && now >= start + started * interval.toMillis()) {
                Stopping next = all.get(started++);
                next.phone.sendText("STOP");
                next.t0 = System.currentTimeMillis();
                view.opened();
                gate.watch(next.contactKey, PATIENCE.toMillis());
            }
            for (Stopping stopping : all.subList(0, started)) {
                if (!stopping.done) {
                    probe(stopping);
                }
                if (!stopping.viewSeen && (viewAt(stopping) != null || now > stopping.t0 + PATIENCE.toMillis())) {
                    stopping.viewSeen = true;
                    view.settled();
                }
            }
            ServiceProcess.sleep(2);
        }
        return collect(all);
    }

    private void probe(Stopping stopping) {
        long now = System.currentTimeMillis();
        stopping.blocking = firstBlocked(stopping.probes);
        if (stopping.blocking != null || now > stopping.t0 + PATIENCE.toMillis()) {
            stopping.done = true;
            return;
        }
        long outstanding = stopping.probes.stream().filter(id -> topics.outcome(id) == null).count();
        if (outstanding < MAX_OUTSTANDING && now - stopping.lastProbe >= PROBE_INTERVAL_MILLIS) {
            stopping.probes.add(sends.publish(stopping.phone.e164(), true));
            stopping.lastProbe = now;
        }
    }

    private Result collect(List<Stopping> all) {
        List<Long> toBlocked = new ArrayList<>();
        List<Long> toInbound = new ArrayList<>();
        List<Long> toState = new ArrayList<>();
        List<Long> toView = new ArrayList<>();
        List<Long> toGate = new ArrayList<>();
        List<Long> probeTrips = new ArrayList<>();
        int sentAfterStop = 0;
        int timeouts = 0;
        long deadline = System.currentTimeMillis() + 10_000;
        for (Stopping stopping : all) {
            if (stopping.blocking == null) {
                timeouts++;
            } else {
                long blockedAt = topics.outcome(stopping.blocking).timestamp();
                toBlocked.add(blockedAt - stopping.t0);
                probeTrips.add(blockedAt - sends.published.get(stopping.blocking));
            }
            for (String probe : stopping.probes) {
                TimedTopics.Outcome outcome = awaitOutcome(probe, deadline);
                if (outcome != null && outcome.sent()) {
                    sentAfterStop++;
                }
            }
            TimedTopics.Position stopped = awaitState(stopping.contactKey, deadline);
            if (stopped != null) {
                toState.add(stopped.timestamp() - stopping.t0);
            }
            TimedTopics.Position inbound = topics.stop(stopping.contactKey);
            if (inbound != null) {
                toInbound.add(inbound.timestamp() - stopping.t0);
            }
            Long viewAt = viewAt(stopping);
            if (viewAt != null) {
                toView.add(viewAt - stopping.t0);
            }
            Long gateAt = gate.stoppedAt(stopping.contactKey);
            if (gateAt != null) {
                toGate.add(gateAt - stopping.t0);
            }
        }
        return new Result(toBlocked, toInbound, toState, toView, toGate, probeTrips, sentAfterStop, timeouts);
    }

    /** When the gateway's view first held the STOP on whatsapp-inbound or the STOPPED snapshot, or null. */
    private Long viewAt(Stopping stopping) {
        TimedTopics.Position inbound = topics.stop(stopping.contactKey);
        TimedTopics.Position stopped = topics.status(stopping.contactKey, ConsentStatus.STOPPED);
        return earliest(stopped == null ? null
                        : view.appliedAt(Topics.CONSENT_STATE.name(), stopped.partition(), stopped.offset()),
                inbound == null ? null
                        : view.appliedAt(Topics.WHATSAPP_INBOUND.name(), inbound.partition(), inbound.offset()));
    }

    private static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    /** The blocked-as-STOPPED probe with the earliest outcome timestamp, or null. */
    private String firstBlocked(List<String> probes) {
        String first = null;
        for (String probe : probes) {
            TimedTopics.Outcome outcome = topics.outcome(probe);
            if (outcome != null && outcome.blockedAs("STOPPED")
                    && (first == null || outcome.timestamp() < topics.outcome(first).timestamp())) {
                first = probe;
            }
        }
        return first;
    }

    /** Looks at least once: the wait is shared by all phones, the first ones may have used it up. */
    private TimedTopics.Outcome awaitOutcome(String requestId, long deadline) {
        TimedTopics.Outcome outcome = topics.outcome(requestId);
        while (outcome == null && System.currentTimeMillis() < deadline) {
            ServiceProcess.sleep(2);
            outcome = topics.outcome(requestId);
        }
        return outcome;
    }

    /** Looks at least once, like {@link #awaitOutcome}. */
    private TimedTopics.Position awaitState(String contactKey, long deadline) {
        TimedTopics.Position stopped = topics.status(contactKey, ConsentStatus.STOPPED);
        while (stopped == null && System.currentTimeMillis() < deadline) {
            ServiceProcess.sleep(5);
            stopped = topics.status(contactKey, ConsentStatus.STOPPED);
        }
        return stopped;
    }
}
