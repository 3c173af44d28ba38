package io.consentflow.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.support.GatewayTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/** The reactive client runs on the driver's own transport, with Spring Boot's settings and metrics still applied. */
@GatewayTest
class MongoTransportTests {

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MeterRegistry meters;

    @Test
    void repliesArriveOnTheDriversOwnIoThreadsAndCommandsAreStillTimed() {
        AtomicReference<String> thread = new AtomicReference<>();
        mongo.getCollection("transport_probe")
                .flatMap(c -> Mono.from(c.find(new Document("_id", "absent")).first()))
                .doOnTerminate(() -> thread.set(Thread.currentThread().getName()))
                .block(Duration.ofSeconds(30));

        // with Spring Boot's Netty transport the reply would arrive on a Netty event loop instead
        assertThat(thread.get()).startsWith("mongo-io-");
        assertThat(meters.find("mongodb.driver.commands").tag("collection", "transport_probe").timers()).isNotEmpty();
    }
}
