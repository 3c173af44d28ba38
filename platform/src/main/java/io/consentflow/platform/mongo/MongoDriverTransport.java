package io.consentflow.platform.mongo;

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
 * The reactive MongoDB client on the driver's own asynchronous transport (NIO.2 channels, pooled heap buffers)
 * instead of the Netty transport Spring Boot picks whenever Netty is on the class path, as it is for WebFlux. The
 * driver encodes documents into heap buffers through their arrays, but into Netty's buffers one byte at a time: for
 * the gateway's claims and outcomes that cost about a quarter more CPU (17.3 against 13.0-14.0 µs per message in a
 * stand-alone loop of the pipeline's writes against the wire server), for audit-service's entries (64-character hashes
 * and digests) it was most of the 30 % of its CPU spent encoding inserts. Not auto-configured: a service imports it
 * ({@code @Import}). Spring Boot's customizers (URI, database, TLS, command and pool metrics) still apply: the
 * transport is set after them. With TLS enabled the driver runs its TLS channel on the same threads.
 */
@Configuration(proxyBeanMethods = false)
public class MongoDriverTransport {

    /** Completion threads of the driver's channels: they decode replies and run what follows each one. */
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
