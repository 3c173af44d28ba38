package io.consentflow.gateway.adapters.kafka;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import java.util.HashSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Loads a consent-state topic into a table until caught up: what the gateway does on start (and the benchmark). */
public final class ConsentViewBootstrap {

    private ConsentViewBootstrap() {
    }

    /** One consent-state record: a snapshot replaces the contact's entry, a tombstone (null) removes it. */
    static void apply(ConsentTable table, String contactKey, Object value) {
        if (value == null) {
            table.remove(contactKey);
        } else if (value instanceof ConsentSnapshot snapshot) {
            table.put(contactKey, new ConsentFacts(snapshot.getSubjectId(),
                    ConsentStatus.valueOf(snapshot.getStatus().name()), new HashSet<>(snapshot.getPurposes()),
                    snapshot.getMarketingStoppedAtMeta(), snapshot.getOccurredAt().toEpochMilli()));
        }
    }

    public static void load(String topic, String bootstrapServers, ConsentTable table) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        var follower = new TopicFollower(topic, TopicFollower.plaintext(bootstrapServers), kafka -> {
            kafka.seekToBeginning(kafka.assignment());
            return null;
        }, (key, value) -> apply(table, key, value), done::countDown, null);
        Thread thread = new Thread(follower, "bootstrap-" + topic);
        thread.start();
        try {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bootstrap of " + topic + " did not finish");
            }
        } finally {
            follower.stop();
        }
    }
}
