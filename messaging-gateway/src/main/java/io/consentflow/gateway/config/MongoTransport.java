package io.consentflow.gateway.config;

import com.mongodb.MongoClientSettings;
import com.mongodb.connection.TransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.ReactiveMongoClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reactive MongoDB client on the driver's own asynchronous transport (NIO.2 channels, pooled NIO buffers)
 * instead of the Netty transport Spring Boot picks whenever Netty is on the class path, as it is here for WebFlux.
 * The send pipeline writes a claim and an outcome per message, and encoding them into Netty's buffers cost the driver
 * about a quarter more CPU (17.3 against 13.0-14.0 µs per message in a stand-alone loop of the pipeline's writes
 * against the wire server). Spring Boot's customizers (URI, database, TLS, command and pool metrics) still apply: the
 * transport is set after them. With TLS enabled the driver runs its TLS channel on the same threads.
 */
@Configuration(proxyBeanMethods = false)
class MongoTransport {

    /** Completion threads of the driver's channels: they decode replies and run what follows in the pipeline. */
    private static final int IO_THREADS = 2;

    @Bean(destroyMethod = "close")
    IoThreads mongoIoThreads() {
        AtomicInteger next = new AtomicInteger();
        return new IoThreads(Executors.newFixedThreadPool(IO_THREADS, task -> {
            Thread thread = new Thread(task, "mongo-io-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
    }

    @Bean
    MongoClient reactiveStreamsMongoClient(ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers,
            ObjectProvider<MongoClientSettings> settings, IoThreads threads) {
        List<MongoClientSettingsBuilderCustomizer> all = new ArrayList<>(customizers.orderedStream().toList());
        all.add(builder -> builder.transportSettings(TransportSettings.asyncBuilder()
                .executorService(threads.executor()).build()));
        return new ReactiveMongoClientFactory(all).createMongoClient(settings.getIfAvailable());
    }

    /**
     * The driver's I/O threads, shut down with the context (a bean of type ExecutorService would be taken for
     * Spring's task executor).
     */
    record IoThreads(ExecutorService executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
