package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.SimulatorProperties;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Meta's two send limits: the business number's throughput (messages per second, 130429) and the pair rate to
 * one recipient (a burst, then about one message per 6 s, 131056). The pair limit is off by default because
 * tests send to one phone quickly.
 */
@Component
public class SendLimiter {

    private final SimulatorProperties properties;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> pairs = new ConcurrentHashMap<>();
    private long windowSecond = -1;
    private int windowCount;

    public SendLimiter(SimulatorProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts one send against the per-second throughput; false when the limit is reached. */
    public synchronized boolean tryThroughput() {
        long second = clock.millis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        if (windowCount >= properties.throughputPerSecond()) {
            return false;
        }
        windowCount++;
        return true;
    }

    /** Counts one message to this recipient; false when the pair rate is exceeded. */
    public boolean tryPair(String waId) {
        SimulatorProperties.PairRateLimit cfg = properties.pairRateLimit();
        if (!cfg.enabled()) {
            return true;
        }
        double refillPerMilli = 1.0 / Math.max(1, cfg.interval().toMillis());
        return pairs.computeIfAbsent(waId, k -> new Bucket(cfg.burst(), clock.millis()))
                .tryTake(cfg.burst(), refillPerMilli, clock.millis());
    }

    public void reset() {
        pairs.clear();
        synchronized (this) {
            windowSecond = -1;
            windowCount = 0;
        }
    }

    /** A token bucket: {@code capacity} tokens, refilled continuously. */
    private static final class Bucket {
        private double tokens;
        private long lastMillis;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.lastMillis = now;
        }

        synchronized boolean tryTake(int capacity, double refillPerMilli, long now) {
            tokens = Math.min(capacity, tokens + (now - lastMillis) * refillPerMilli);
            lastMillis = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
