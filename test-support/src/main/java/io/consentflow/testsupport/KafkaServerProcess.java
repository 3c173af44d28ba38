package io.consentflow.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the Kafka broker child JVM of {@code CONSENTFLOW_TEST_INFRA=processes}. Arguments: the
 * server.properties path and a cluster id. Formats a fresh log directory (never one a previous start left, which a
 * restart keeps) as a single-node dynamic KRaft quorum,
 * exactly {@code kafka-storage format -t <id> -c <config> --standalone}, then runs {@code kafka.Kafka <config>}: one JVM
 * start instead of two, which saves seconds on a small machine. Internal to test-support; public only because the
 * {@code java} launcher needs it.
 */
public final class KafkaServerProcess {

    private KafkaServerProcess() {
    }

    public static void main(String[] args) throws java.io.IOException {
        ParentWatchdog.start();
        String config = args[0];
        // a restart keeps the log directory: formatted once, on the first start
        if (!Files.exists(logDir(config).resolve("meta.properties"))) {
            int formatted = StorageTool.execute(new String[] {"format", "-t", args[1], "-c", config, "--standalone"},
                    System.out);
            if (formatted != 0) {
                System.err.println("kafka-storage format failed with exit code " + formatted);
                System.exit(formatted);
            }
        }
        Kafka.main(new String[] {config});
    }

    private static Path logDir(String config) throws java.io.IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of(config))) {
            properties.load(in);
        }
        return Path.of(properties.getProperty("log.dirs").split(",")[0].trim());
    }

    /** KRaft combined mode, single node: local-infra/config/kafka-server.properties, as ./run-local.sh runs it. */
    static String config(int brokerPort, int controllerPort, Path dataDir) {
        try (var in = KafkaServerProcess.class.getResourceAsStream("kafka-server.properties")) {
            if (in == null) {
                throw new IllegalStateException("kafka-server.properties is not on the classpath (test-support's build"
                        + " copies it from local-infra/config)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("@BROKER_PORT@", Integer.toString(brokerPort))
                    .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                    .replace("@LOG_DIRS@", dataDir.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Ready when the port accepts connections and an Admin client sees the broker in the cluster. */
    static void awaitServing(ChildJvm kafka, int port, String bootstrap, Instant deadline) {
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        while (true) {
            kafka.checkRunning(deadline);
            if (accepts(port)) {
                try (Admin admin = Admin.create(adminConfig)) {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // listening but not serving yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw kafka.failure("was interrupted while waiting for it");
                }
            }
            ChildJvm.pause();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
