package io.consentflow.localinfra.send;

import static io.consentflow.localinfra.send.FakeGateway.notFound;
import static io.consentflow.localinfra.send.FakeGateway.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateParameter;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Services;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole command against a real KRaft broker and a local HTTP server answering like messaging-gateway. */
class SendCommandTest {

    private static final String NUMBER = "+4915123456789";
    private static SendRequestsTopic topic;
    private static FakeGateway gateway;

    /** What a command printed and returned. */
    record Run(int exit, List<String> out, List<String> err) {
        String requestId() {
            return out.get(0).substring("requestId".length()).strip();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        topic = SendRequestsTopic.start();
        gateway = FakeGateway.start(StaffToken.LOCAL_SECRET, id -> List.of(notFound(),
                timeline(id, "CLAIMED", null, "CLAIMED@2026-05-01T10:15:02.120Z"),
                timeline(id, "SENT", "wamid.HBgLNDkxNTEyMzQ1Njc4ORUCABEYEjQ", "CLAIMED@2026-05-01T10:15:02.120Z",
                        "SENT@2026-05-01T10:15:02.480Z", "STATUS_DELIVERED@2026-05-01T10:15:03.004Z")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        topic.close();
    }

    @Test
    void publishesOneSendRequestKeyedByTheNumberAsACampaignSystemWould() {
        var before = topic.endOffsets();
        Run run = send("--to", NUMBER, "--template", "order_update", "--lang", "en", "--purpose", "support",
                "--category", "UTILITY", "--param", "A-1001", "--param", "shipped", "--wait", "0");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        List<ConsumerRecord<String, byte[]>> records = topic.recordsSince(before);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo(NUMBER);
        assertThat(run.out()).contains("published  send-requests partition " + record.partition() + " offset "
                + record.offset() + " (UTILITY order_update/en, purpose support, campaign run-local-cli)",
                "outcome    not followed (--wait 0)");

        SendRequest request = decode(record);
        assertThat(request.getRequestId()).isEqualTo(run.requestId()).matches("[0-9a-f-]{36}");
        assertThat(request.getEventId()).matches("[0-9a-f-]{36}").isNotEqualTo(request.getRequestId());
        assertThat(request.getProducer()).isEqualTo(Services.CAMPAIGN_SYSTEMS);
        assertThat(request.getTo()).isEqualTo(NUMBER);
        assertThat(request.getCategory()).isEqualTo(MessageCategory.UTILITY);
        assertThat(request.getPurpose()).isEqualTo("support");
        assertThat(request.getCampaignId()).isEqualTo("run-local-cli");
        assertThat(request.getTemplate().getName()).isEqualTo("order_update");
        assertThat(request.getTemplate().getLanguage()).isEqualTo("en");
        assertThat(request.getTemplate().getComponents()).singleElement().satisfies(body -> {
            assertThat(body.getType()).isEqualTo("body");
            assertThat(body.getParameters()).extracting(TemplateParameter::getType, TemplateParameter::getValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("text", "A-1001"),
                            org.assertj.core.groups.Tuple.tuple("text", "shipped"));
        });
        assertThat(request.getText()).isNull();
        assertThat(request.getButtons()).isEmpty();
        assertThat(request.getSubjectId()).isNull();
        assertThat(Duration.between(request.getOccurredAt(), request.getNotAfter())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void defaultsToAMarketingOfferInGermanAndFollowsTheRequestToItsOutcome() {
        var before = topic.endOffsets();
        Run run = send("--to", NUMBER, "--template", "new_collection", "--param", "Herbst 2026", "--wait", "20");

        // what a person sees at the terminal (the test's output file keeps it as an example)
        run.out().forEach(System.out::println);
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().get(1)).endsWith("(MARKETING new_collection/de, purpose offers, campaign run-local-cli)");
        assertThat(run.out().get(2)).startsWith("outcome    SENT wamid.HBgLNDkxNTEyMzQ1Njc4ORUCABEYEjQ (after ");
        assertThat(run.out().subList(3, run.out().size())).hasSize(3)
                .allSatisfy(line -> assertThat(line).matches(" {11}\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*|timeline .*"));
        assertThat(gateway.callsFor(run.requestId())).isEqualTo(3);

        SendRequest request = decode(topic.recordsSince(before).get(0));
        assertThat(request.getRequestId()).isEqualTo(run.requestId());
        assertThat(request.getCategory()).isEqualTo(MessageCategory.MARKETING);
        assertThat(request.getPurpose()).isEqualTo("offers");
        assertThat(request.getTemplate().getLanguage()).isEqualTo("de");
    }

    @Test
    void badInvocationsPublishNothingWhileAValidOneInTheSameWindowArrives() {
        var before = topic.endOffsets();
        for (List<String> bad : SendArgumentsTest.BAD.keySet()) {
            Run run = send(bad.toArray(String[]::new));
            assertThat(run.exit()).as("%s", bad).isEqualTo(2);
            assertThat(run.err()).as("%s", bad).singleElement().asString().startsWith("send: ");
            assertThat(run.out()).as("%s", bad).isEmpty();
            assertThat(topic.endOffsets()).as("after %s", bad).isEqualTo(before);
        }
        // the positive control: the same reading of the same window does see a record that was published
        Run valid = send("--to", NUMBER, "--template", "new_collection", "--wait", "0");

        assertThat(valid.exit()).isZero();
        assertThat(topic.recordsSince(before)).singleElement()
                .satisfies(r -> assertThat(decode(r).getRequestId()).isEqualTo(valid.requestId()));
    }

    @Test
    void aMalformedGatewayUrlIsABadInvocationToo() {
        var before = topic.endOffsets();
        Run run = SendCommandTest.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", topic.bootstrapServers(),
                "GATEWAY_URL", "localhost:8082"), "--to", NUMBER, "--template", "new_collection");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).containsExactly(
                "send: GATEWAY_URL 'localhost:8082' is not an http(s) URL such as http://localhost:8082");
        assertThat(topic.endOffsets()).isEqualTo(before);
    }

    @Test
    void aBrokerThatIsNotThereFailsWithinSecondsAndSaysSo() {
        Run run = SendCommandTest.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                "--to", NUMBER, "--template", "new_collection");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).singleElement().asString()
                .startsWith("send: could not publish to send-requests on 127.0.0.1:1: ")
                .endsWith("(is ./run-local.sh running?)");
    }

    private static Run send(String... args) {
        return run(Map.of("KAFKA_BOOTSTRAP_SERVERS", topic.bootstrapServers(),
                "GATEWAY_URL", gateway.url().toString()), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = SendCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : new ArrayList<>(text.lines().toList());
    }

    private static SendRequest decode(ConsumerRecord<String, byte[]> record) {
        try (var deserializer = new AvroEventDeserializer()) {
            return (SendRequest) deserializer.deserialize(record.topic(), record.value());
        }
    }
}
