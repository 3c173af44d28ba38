package io.consentflow.e2e;

import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcomes of a set of send requests, as message-events shows them: throughput and latency from the request's
 * record timestamp to the MessageSent record timestamp.
 */
record SendPhase(int requests, int sent, Map<String, Integer> otherOutcomes, List<Long> sentLatencies,
        long firstRequest, long lastOutcome, int missing) {

    static int awaitOutcomes(TimedTopics topics, List<String> requestIds, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int missing = requestIds.size();
        while (System.currentTimeMillis() < deadline) {
            missing = (int) requestIds.stream().filter(id -> topics.outcome(id) == null).count();
            if (missing == 0) {
                break;
            }
            ServiceProcess.sleep(200);
        }
        return missing;
    }

    static SendPhase measure(TimedTopics topics, SendLoad sends, List<String> requestIds, Duration timeout) {
        int missing = awaitOutcomes(topics, requestIds, timeout);
        int sent = 0;
        Map<String, Integer> others = new TreeMap<>();
        List<Long> latencies = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        for (String id : requestIds) {
            long requested = sends.published.get(id);
            first = Math.min(first, requested);
            TimedTopics.Outcome outcome = topics.outcome(id);
            if (outcome == null) {
                continue;
            }
            last = Math.max(last, outcome.timestamp());
            if (outcome.sent()) {
                sent++;
                latencies.add(outcome.timestamp() - requested);
            } else {
                others.merge(kind(outcome), 1, Integer::sum);
            }
        }
        return new SendPhase(requestIds.size(), sent, others, latencies, first, last, missing);
    }

    private static String kind(TimedTopics.Outcome outcome) {
        if (outcome.event() instanceof MessageBlocked blocked) {
            return "blocked " + blocked.getReason();
        }
        if (outcome.event() instanceof MessageFailed failed) {
            return failed.getAmbiguous() ? "ambiguous" : "failed " + failed.getErrorCode();
        }
        return outcome.event().getClass().getSimpleName();
    }

    void report(BenchReport report, String prefix, String how) {
        long span = lastOutcome - firstRequest;
        report.figure(prefix + "_sends_per_second", Bench.perSecond(sent, span), "/s",
                "MessageSent / (last outcome record - first request record); " + requests + " requests " + how);
        report.figure(prefix + "_outcomes_per_second", Bench.perSecond(requests - missing, span), "/s",
                "all terminal outcomes (sent, blocked, failed) over the same span");
        report.figure(prefix + "_send_latency_p50", Bench.percentile(sentLatencies, 50), "ms",
                "SendRequest record -> MessageSent record");
        report.figure(prefix + "_send_latency_p99", Bench.percentile(sentLatencies, 99), "ms", "same, p99");
        report.figure(prefix + "_not_sent", otherOutcomes.toString(), "",
                "outcomes other than MessageSent; " + missing + " without outcome");
    }
}
