package io.consentflow.e2e;

import io.consentflow.events.ConsentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a tapped confirmation spends its time: tap answered by the simulator (harness clock) -> the gateway's
 * whatsapp-inbound record (its timestamp) -> consent-service's CONFIRMED snapshot on consent-state (its timestamp).
 * Those not confirmed when the opt-in phase ended are watched for as long again, so a late confirmation is told apart
 * from a lost one.
 */
final class OptInStages {

    private OptInStages() {
    }

    static void print(TimedTopics topics, Map<Phone, Long> posted, Map<Phone, Long> tapped, Duration patience) {
        List<Long> postToTap = new ArrayList<>();
        List<Long> postToInbound = new ArrayList<>();
        List<Long> openPostToInbound = new ArrayList<>();
        Map<ConsentStatus, Integer> openStatuses = new java.util.EnumMap<>(ConsentStatus.class);
        List<Long> tapToInbound = new ArrayList<>();
        List<Long> inboundToConfirmed = new ArrayList<>();
        List<Phone> open = new ArrayList<>();
        tapped.forEach((phone, tapAt) -> {
            String key = Contacts.contactKey(phone.e164());
            TimedTopics.Position inbound = topics.inbound(key);
            TimedTopics.Position confirmed = topics.status(key, ConsentStatus.CONFIRMED);
            postToTap.add(tapAt - posted.get(phone));
            if (inbound != null) {
                tapToInbound.add(inbound.timestamp() - tapAt);
                postToInbound.add(inbound.timestamp() - posted.get(phone));
            }
            if (inbound != null && confirmed != null) {
                inboundToConfirmed.add(confirmed.timestamp() - inbound.timestamp());
            }
            if (confirmed == null) {
                open.add(phone);
                if (inbound != null) {
                    openPostToInbound.add(inbound.timestamp() - posted.get(phone));
                }
                for (ConsentStatus status : ConsentStatus.values()) {
                    if (topics.status(key, status) != null) {
                        openStatuses.merge(status, 1, Integer::sum);
                    }
                }
            }
        });
        System.out.printf("[stages] POST->tap (template on the phone, tapped): p50 %d ms, p99 %d ms, max %d ms; "
                + "POST->inbound published: p50 %d ms, p99 %d ms; of those not CONFIRMED: POST->inbound min %d ms, "
                + "p50 %d ms, max %d ms; their statuses on consent-state: %s%n", Bench.percentile(postToTap, 50),
                Bench.percentile(postToTap, 99), max(postToTap), Bench.percentile(postToInbound, 50),
                Bench.percentile(postToInbound, 99), openPostToInbound.stream().mapToLong(Long::longValue).min()
                        .orElse(-1), Bench.percentile(openPostToInbound, 50), max(openPostToInbound), openStatuses);
        System.out.printf("[stages] tapped %d; tap->inbound published: %d, p50 %d ms, p99 %d ms, max %d ms; "
                + "inbound->CONFIRMED stored: %d, p50 %d ms, p99 %d ms, max %d ms; not CONFIRMED at the end: %d%n",
                tapped.size(), tapToInbound.size(), Bench.percentile(tapToInbound, 50),
                Bench.percentile(tapToInbound, 99), max(tapToInbound), inboundToConfirmed.size(),
                Bench.percentile(inboundToConfirmed, 50), Bench.percentile(inboundToConfirmed, 99),
                max(inboundToConfirmed), open.size());
        long deadline = System.currentTimeMillis() + patience.toMillis();
        while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
            ServiceProcess.sleep(1_000);
            open.removeIf(phone -> {
                String key = Contacts.contactKey(phone.e164());
                TimedTopics.Position confirmed = topics.status(key, ConsentStatus.CONFIRMED);
                if (confirmed == null) {
                    return false;
                }
                TimedTopics.Position inbound = topics.inbound(key);
                System.out.printf("[stages] late: tap->inbound %s ms, inbound->CONFIRMED %s ms (inbound p%d@%d)%n",
                        inbound == null ? "?" : inbound.timestamp() - tapped.get(phone),
                        inbound == null ? "?" : confirmed.timestamp() - inbound.timestamp(),
                        inbound == null ? -1 : inbound.partition(), inbound == null ? -1 : inbound.offset());
                return true;
            });
        }
        for (Phone phone : open.subList(0, Math.min(5, open.size()))) {
            TimedTopics.Position inbound = topics.inbound(Contacts.contactKey(phone.e164()));
            System.out.printf("[stages] never CONFIRMED: inbound %s%n", inbound == null ? "never published"
                    : "p" + inbound.partition() + "@" + inbound.offset() + ", " + (inbound.timestamp()
                    - tapped.get(phone)) + " ms after the tap");
        }
        System.out.printf("[stages] still not CONFIRMED %d s after the phase: %d%n", patience.toSeconds(),
                open.size());
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
