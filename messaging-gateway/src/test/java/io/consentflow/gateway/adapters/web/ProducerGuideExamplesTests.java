package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.EventSchemaStore;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The producer guide's examples (docs/producers.md) run as a campaign system would run them, each in a process of
 * its own against the test broker: the Java one with only the schemas jar of this build, kafka-clients and their
 * dependencies on its classpath, the Python one with fastavro and confluent-kafka. Each must end with the gateway
 * sending the message (MessageSent, one Cloud API call): an undecodable record would go to send-requests-dlt instead.
 */
@GatewayTest
class ProducerGuideExamplesTests {

    private static final Path EXAMPLES = Path.of("..", "docs", "producers");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable consents;

    @Test
    void theJavaExampleIsAcceptedAndSent() throws Exception {
        String number = consentedNumber();
        String requestId = "java-example-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", exampleClasspath(),
                EXAMPLES.resolve("java/CampaignProducer.java").toString()));
        command.addAll(arguments(number, requestId));

        String output = run(command);

        assertThat(output).contains("published " + requestId + " to send-requests-");
        assertSent(number, requestId);
    }

    @Test
    void thePythonExampleIsAcceptedAndSent(@TempDir Path dir) throws Exception {
        requirePython();
        Path schema = dir.resolve("SendRequest.avsc");
        Files.writeString(schema, newestSendRequestSchema());
        String number = consentedNumber();
        String requestId = "python-example-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of("python3",
                EXAMPLES.resolve("python/campaign_producer.py").toString(), schema.toString()));
        command.addAll(arguments(number, requestId));

        String output = run(command);

        assertThat(output).contains("published " + requestId + " to send-requests-")
                .as("the fingerprint the example writes is the current SendRequest schema's")
                .contains("fingerprint " + littleEndianHex(EventSchemaStore.fingerprint(SendRequest.getClassSchema())));
        assertSent(number, requestId);
    }

    private static List<String> arguments(String number, String requestId) {
        return List.of(number, requestId, "spring-sale", "offers", "offer", "de");
    }

    private String consentedNumber() {
        String number = randomNumber();
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number),
                snapshot(number, UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, List.of("offers")));
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        return number;
    }

    private void assertSent(String number, String requestId) {
        MessageSent sent = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                event -> requestId.equals(event.getRequestId()), WAIT);
        assertThat(sent.getCampaignId()).isEqualTo("spring-sale");
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().kafkaBootstrapServers());
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(ended && process.exitValue() == 0).as("%s ended with 0:%n%s", command.get(0), text).isTrue();
        return text;
    }

    /** The schemas jar of this build and what it needs at run time: not the gateway, not Spring. */
    private static String exampleClasspath() throws URISyntaxException, ClassNotFoundException {
        List<String> entries = new ArrayList<>();
        for (String type : List.of("io.consentflow.events.SendRequest",
                "org.apache.kafka.clients.producer.KafkaProducer",
                "org.apache.avro.Schema", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.annotation.JsonProperty",
                "org.slf4j.Logger", "net.jpountz.lz4.LZ4Factory",
                "org.springframework.kafka.support.serializer.ErrorHandlingDeserializer")) {
            entries.add(Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
        }
        return entries.stream().distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The newest schema-history/SendRequest/v<N>.avsc of the schemas jar, as the guide tells producers to take it. */
    private static String newestSendRequestSchema() throws IOException {
        String newest = null;
        for (int version = 1; ; version++) {
            try (InputStream in = SendRequest.class.getClassLoader().getResourceAsStream(
                    EventSchemaStore.HISTORY_ROOT + "/SendRequest/v" + version + ".avsc")) {
                if (in == null) {
                    return newest;
                }
                newest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String littleEndianHex(long fingerprint) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint)
                .array());
    }

    /** Locally the Python example may be skipped when python3 or its packages are missing; in CI (CI=true) never. */
    private static void requirePython() throws InterruptedException {
        String missing;
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import fastavro, confluent_kafka")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            missing = probe.waitFor() == 0 ? null : output.strip();
        } catch (IOException e) {
            missing = "no python3: " + e.getMessage();
        }
        if (missing == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must run the Python producer example (.ci/run installs fastavro and "
                    + "confluent-kafka): " + missing);
        }
        Assumptions.abort("python3 with fastavro and confluent-kafka is not installed here: " + missing);
    }
}
