package io.consentflow.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the gateway's gate starts refusing a stopped number, asked the way support staff ask it: its
 * {@code /api/v1/contacts/{contactKey}/consent} answers the consent the gate judges by right now, including a STOP
 * the instance read on its webhook before anything was stored or published. Each watched contact is asked every
 * {@link #INTERVAL_MILLIS} ms until the answer is STOPPED; the time kept is when that answer arrived (an upper
 * bound). No send request is queued behind the campaign's backlog.
 */
final class GateWatch implements AutoCloseable {

    static final long INTERVAL_MILLIS = 20;

    private final String baseUrl;
    private final String token = Suite.current().staffToken("SUPPORT");
    /** contactKey → when the gate was first seen refusing it (absent: still watched or never seen). */
    private final Map<String, Long> stoppedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> watched = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    GateWatch(String gatewayBaseUrl) {
        this.baseUrl = gatewayBaseUrl + "/api/v1/contacts/";
        poller = new Thread(this::poll, "e2e-gate-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Asks about these contacts once each before the measured STOPs: the first STOP's figure must not include this
     * client's first connection, the token's first signature and the endpoint's first use.
     */
    void warmUp(List<String> contactKeys) {
        for (String contactKey : contactKeys) {
            Http.get(baseUrl + contactKey + "/consent", token);
            ServiceProcess.sleep(INTERVAL_MILLIS);
        }
    }

    /** Watches a contact from now on, for at most {@code patienceMillis}. */
    void watch(String contactKey, long patienceMillis) {
        watched.put(contactKey, System.currentTimeMillis() + patienceMillis);
    }

    /** When the gate was first seen refusing this contact, or null. */
    Long stoppedAt(String contactKey) {
        return stoppedAt.get(contactKey);
    }

    private void poll() {
        while (running) {
            long started = System.currentTimeMillis();
            for (var contact : watched.entrySet()) {
                if (started > contact.getValue()) {
                    watched.remove(contact.getKey());
                    continue;
                }
                Http.Response answer = Http.get(baseUrl + contact.getKey() + "/consent", token);
                if (answer.status() == 200 && "STOPPED".equals(answer.json().path("status").asString())) {
                    stoppedAt.putIfAbsent(contact.getKey(), System.currentTimeMillis());
                    watched.remove(contact.getKey());
                }
            }
            ServiceProcess.sleep(Math.max(0, started + INTERVAL_MILLIS - System.currentTimeMillis()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
