package io.consentflow.testsupport;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the Kafka broker child JVM of {@code CONSENTFLOW_TEST_INFRA=processes}. Arguments: the
 * server.properties path and a cluster id. Formats the (fresh) log directory as a single-node dynamic KRaft quorum,
 * exactly {@code kafka-storage format -t <id> -c <config> --standalone}, then runs {@code kafka.Kafka <config>}: one JVM
 * start instead of two, which saves seconds on a small machine. Internal to test-support; public only because the
 * {@code java} launcher needs it.
 */
public final class KafkaServerProcess {

    private KafkaServerProcess() {
    }

    public static void main(String[] args) {
        ParentWatchdog.start();
        String config = args[0];
        int formatted = StorageTool.execute(new String[] {"format", "-t", args[1], "-c", config, "--standalone"},
                System.out);
        if (formatted != 0) {
            System.err.println("kafka-storage format failed with exit code " + formatted);
            System.exit(formatted);
        }
        Kafka.main(new String[] {config});
    }
}
