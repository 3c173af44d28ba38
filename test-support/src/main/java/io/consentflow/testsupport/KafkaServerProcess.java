package io.consentflow.testsupport;

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
}
