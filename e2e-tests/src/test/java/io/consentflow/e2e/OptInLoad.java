package io.consentflow.e2e;

import io.consentflow.events.ConsentStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * Web double opt-ins as many browsers and phones would do them: POST /api/v1/opt-ins, the confirmation template
 * arrives on the simulated phone, the phone taps "Ja, bestätigen" at once, consent-state shows CONFIRMED.
 */
final class OptInLoad {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /**
     * @param phones       the confirmed phones, in completion order
     * @param totalMillis  POST sent → CONFIRMED snapshot's record timestamp, per opt-in
     * @param toPhoneMillis POST sent → the confirmation template accepted for the phone (the simulator's clock, the
     *                      same machine's)
     * @param wallMillis   the whole phase, first POST to last CONFIRMED seen
     */
    record Result(List<Phone> phones, List<Long> totalMillis, List<Long> toPhoneMillis, long wallMillis,
            int failures) {
    }

    private final Suite suite;
    private final TimedTopics topics;

    OptInLoad(Suite suite, TimedTopics topics) {
        this.suite = suite;
        this.topics = topics;
    }

    /** {@code concurrency} browsers and phones, each starting its next opt-in when its last one is confirmed. */
    Result run(int count, int concurrency, List<String> purposes) throws InterruptedException {
        return run(count, concurrency, 0, purposes);
    }

    /**
     * @param perSecond when positive, opt-ins start at this steady rate (open loop: a slow opt-in does not hold back
     *                  the next, as people at a checkout do not wait for each other) on up to {@code concurrency}
     *                  browsers and phones at once; else each of {@code concurrency} starts its next when its last
     *                  one is confirmed
     */
    Result run(int count, int concurrency, int perSecond, List<String> purposes) throws InterruptedException {
        // phones exist before the clock starts: creating them is the simulator's set-up, not the opt-in
        List<Phone> created = IntStream.range(0, count).parallel().mapToObj(i -> Phone.create(suite)).toList();
        var confirmed = new ConcurrentLinkedQueue<Phone>();
        var totals = new ConcurrentLinkedQueue<Long>();
        var toPhone = new ConcurrentLinkedQueue<Long>();
        var postedAt = new java.util.concurrent.ConcurrentHashMap<Phone, Long>();
        var tapped = new java.util.concurrent.ConcurrentHashMap<Phone, Long>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        var deliveries = new PhoneDeliveries(suite);
        long start = System.currentTimeMillis();
        List<Future<?>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            if (perSecond > 0) {
                // paced: the i-th opt-in starts i / perSecond seconds after the first
                long due = start + i * 1_000L / perSecond;
                ServiceProcess.sleep(Math.max(0, due - System.currentTimeMillis()));
            }
            Phone phone = created.get(i);
            tasks.add(pool.submit(() -> {
                long posted = System.currentTimeMillis();
                postedAt.put(phone, posted);
                Http.Response response = request(phone, purposes);
                if (response.status() != 202) {
                    throw new IllegalStateException("opt-in answered " + response.status() + ": " + response.body());
                }
                long delivered = awaitFirstDelivery(deliveries, phone);
                toPhone.add(delivered - posted);
                String payload = confirmationPayload(phone);
                phone.tap(payload);
                tapped.put(phone, System.currentTimeMillis());
                long confirmedAt = awaitConfirmed(phone);
                totals.add(confirmedAt - posted);
                confirmed.add(phone);
                return null;
            }));
        }
        int failures = 0;
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures++;
                System.err.println("opt-in failed: " + e.getCause());
            }
        }
        long wall = System.currentTimeMillis() - start;
        pool.shutdown();
        deliveries.close();
        OptInStages.print(topics, postedAt, tapped, PATIENCE);
        return new Result(List.copyOf(confirmed), List.copyOf(totals), List.copyOf(toPhone), wall, failures);
    }

    private Http.Response request(Phone phone, List<String> purposes) {
        return Http.postJson(suite.consent.baseUrl() + "/api/v1/opt-ins", Map.of(
                "phoneNumber", phone.e164(), "purposes", purposes, "locale", "de", "noticeVersion", "2026-11",
                "consentText", "Ja, ich möchte Angebote per WhatsApp erhalten. Abmeldung jederzeit mit STOP.",
                "source", "WEB_FORM"), null);
    }

    private static long awaitFirstDelivery(PhoneDeliveries deliveries, Phone phone) throws Exception {
        try {
            return deliveries.first(phone).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no confirmation request reached the phone");
        }
    }

    /** The confirmation's button payload, from the phone's chat once its first message arrived. */
    private static String confirmationPayload(Phone phone) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode message : phone.outbound()) {
                if (message.path("buttons").size() > 0) {
                    return message.path("buttons").get(0).path("payload").asString();
                }
            }
            ServiceProcess.sleep(50);
        }
        throw new IllegalStateException("no confirmation request reached the phone");
    }

    /** The CONFIRMED snapshot's record timestamp. */
    private long awaitConfirmed(Phone phone) throws Exception {
        try {
            return topics.whenStatus(Contacts.contactKey(phone.e164()), ConsentStatus.CONFIRMED)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS).timestamp();
        } catch (TimeoutException e) {
            throw new IllegalStateException("consent-state never showed CONFIRMED");
        }
    }
}
