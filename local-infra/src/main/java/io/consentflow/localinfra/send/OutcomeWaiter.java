package io.consentflow.localinfra.send;

import io.consentflow.localinfra.send.GatewayTimeline.Found;
import io.consentflow.localinfra.send.GatewayTimeline.Lookup;
import io.consentflow.localinfra.send.GatewayTimeline.Refused;
import java.time.Duration;

/** Looks at a request's timeline until it has an outcome, the gateway refuses, or the wait is over. */
final class OutcomeWaiter {

    private OutcomeWaiter() {
    }

    /**
     * @param last    the last answer: a decided timeline, a refusal, or whatever was seen when time ran out
     * @param elapsed from the first look to the last answer
     */
    record Waited(Lookup last, Duration elapsed) {

        boolean decided() {
            return last instanceof Found found && found.timeline().decided();
        }
    }

    static Waited await(GatewayTimeline gateway, String requestId, Duration wait, Duration interval)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        while (true) {
            Lookup last = gateway.lookup(requestId);
            long now = System.nanoTime();
            Waited waited = new Waited(last, Duration.ofNanos(now - start));
            // a refusal will not change by asking again; anything else may, until the deadline
            if (waited.decided() || last instanceof Refused || now >= deadline) {
                return waited;
            }
            Thread.sleep(Math.max(1, Math.min(interval.toMillis(), Duration.ofNanos(deadline - now).toMillis())));
        }
    }
}
