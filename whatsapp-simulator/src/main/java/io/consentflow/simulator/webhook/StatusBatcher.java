package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import io.consentflow.simulator.phones.Phone;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the phone-side timeline of outbound messages on one timer thread and sends their status webhooks in
 * batches, as Meta bundles several status updates into one POST: statuses that become due within
 * simulator.webhook.batch-window go out together in one signed payload (at most batch-max statuses and
 * batch-max-bytes bytes), in the order they became due. The statuses of one message stay in order: a status whose
 * predecessor is in a payload still being delivered (or retried) waits for that delivery to end, and two statuses
 * of one message in the same payload are in array order. User actions never come here.
 *
 * <p>The due queue is shared with the API threads (guarded by its own monitor); batches and per-message tracks are
 * touched only on the timer thread, so they need no locking.
 */
final class StatusBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusBatcher.class);

    /** One message's statuses, each with its delay after the previous one (the first after the send). */
    /** @param callbackData the send's biz_opaque_callback_data, echoed in each status (null: none) */
    record Plan(Phone phone, String wamid, String recipient, String category, StatusError error, String[] statuses,
            long[] delaysNanos, String callbackData) {
    }

    private record Due(Plan plan, int step, long dueNanos, long seq) {
    }

    /** A status whose phone-side effect happened, with its JSON fragment. */
    private record Ready(String wamid, byte[] json) {
    }

    private static final class Batch {
        final List<Ready> items = new ArrayList<>();
        int bytes;
    }

    /** The newest payload holding one of this message's statuses, and the statuses waiting for it. */
    private static final class Track {
        Batch batch;
        final List<Ready> waiting = new ArrayList<>();
    }

    private final StatusJson json;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;
    private final long windowNanos;
    private final int max;
    private final int maxBytes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-batch");
        thread.setDaemon(true);
        return thread;
    });
    private final PriorityQueue<Due> due = new PriorityQueue<>(
            Comparator.comparingLong(Due::dueNanos).thenComparingLong(Due::seq));
    private long sequence;
    private long scheduledTick = Long.MAX_VALUE;
    private long lastTick;
    private final Map<String, Track> tracks = new HashMap<>();
    private Batch open;

    StatusBatcher(SimulatorProperties properties, WebhookDispatcher dispatcher, Clock clock) {
        this.json = new StatusJson(properties);
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.windowNanos = properties.webhook().batchWindow().toNanos();
        this.max = properties.webhook().batchMax();
        this.maxBytes = properties.webhook().batchMaxBytes();
        this.lastTick = System.nanoTime() - windowNanos;
    }

    /** Starts a message's timeline; never blocks beyond a short monitor. */
    void submit(Plan plan) {
        long at = System.nanoTime() + plan.delaysNanos()[0];
        synchronized (due) {
            due.add(new Due(plan, 0, at, sequence++));
            arm(at + windowNanos);
        }
    }

    /**
     * Collects as late as the window allows: the next tick is due when the oldest waiting status's window ends, and
     * never sooner than a window after the previous tick, so a busy stream makes one payload per window.
     */
    private void arm(long requestedNanos) {
        long tickNanos = Math.max(requestedNanos, lastTick + windowNanos);
        if (tickNanos < scheduledTick) {
            scheduledTick = tickNanos;
            try {
                timer.schedule(this::tick, Math.max(0, tickNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                // shutting down
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        List<Due> ready = new ArrayList<>();
        synchronized (due) {
            if (now + 1_000_000 < lastTick + windowNanos) {
                return; // superseded by an earlier tick; the tick that ran armed the next one
            }
            lastTick = now;
            scheduledTick = Long.MAX_VALUE;
            while (!due.isEmpty() && due.peek().dueNanos() <= now) {
                ready.add(due.poll());
            }
        }
        try {
            for (int i = 0; i < ready.size(); i++) {
                Due d = ready.get(i);
                route(happen(d));
                int step = d.step() + 1;
                if (step < d.plan().statuses().length) {
                    long at = d.dueNanos() + d.plan().delaysNanos()[step];
                    if (at <= now) {
                        ready.add(new Due(d.plan(), step, at, 0));
                    } else {
                        synchronized (due) {
                            due.add(new Due(d.plan(), step, at, sequence++));
                        }
                    }
                }
            }
            seal();
        } catch (RuntimeException e) {
            log.error("status batch failed", e);
        } finally {
            synchronized (due) {
                if (!due.isEmpty()) {
                    arm(Math.max(due.peek().dueNanos() + windowNanos, now));
                }
            }
        }
    }

    /** The phone moves on (the chat shows the new status) and the status webhook's JSON is written. */
    private Ready happen(Due d) {
        Plan plan = d.plan();
        String status = plan.statuses()[d.step()];
        if (plan.phone() != null) {
            plan.phone().updateStatus(plan.wamid(), status, plan.error() == null ? null : plan.error().code());
        }
        return new Ready(plan.wamid(), StatusJson.status(plan.wamid(), status, clock.instant().getEpochSecond(),
                plan.recipient(), plan.category(), plan.error(), plan.callbackData()));
    }

    private void route(Ready item) {
        Track track = tracks.get(item.wamid());
        if (track != null && track.batch != null && track.batch != open) {
            track.waiting.add(item);
            return;
        }
        if (open != null && (open.items.size() >= max
                || json.overhead() + open.bytes + open.items.size() + item.json().length > maxBytes)) {
            seal();
            if (track != null && track.batch != null) {
                track.waiting.add(item);
                return;
            }
        }
        if (open == null) {
            open = new Batch();
        }
        open.items.add(item);
        open.bytes += item.json().length;
        if (track == null) {
            track = new Track();
            tracks.put(item.wamid(), track);
        }
        track.batch = open;
    }

    /** Sends the open batch as one signed payload; retries resend the same bytes. */
    private void seal() {
        Batch batch = open;
        open = null;
        if (batch == null || batch.items.isEmpty()) {
            return;
        }
        byte[] body = json.payload(batch.items.stream().map(Ready::json).toList());
        String first = batch.items.get(0).wamid();
        String reference = batch.items.size() == 1 ? first : batch.items.size() + " statuses, first " + first;
        dispatcher.deliverRaw(WebhookDispatcher.STATUS, reference, body)
                .doFinally(signal -> onTimer(() -> done(batch)))
                .subscribe();
    }

    /** A payload was delivered or given up: statuses that waited for it may go now. */
    private void done(Batch batch) {
        List<Ready> released = new ArrayList<>();
        for (Ready item : batch.items) {
            Track track = tracks.get(item.wamid());
            if (track == null || track.batch != batch) {
                continue;
            }
            track.batch = null;
            if (track.waiting.isEmpty()) {
                tracks.remove(item.wamid());
            } else {
                released.addAll(track.waiting);
                track.waiting.clear();
            }
        }
        if (released.isEmpty()) {
            return;
        }
        // They join the statuses becoming due now: sealing them at once made many small payloads whenever the
        // receiver took longer than a window to answer.
        released.forEach(this::route);
        synchronized (due) {
            arm(System.nanoTime() + windowNanos);
        }
    }

    private void onTimer(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
