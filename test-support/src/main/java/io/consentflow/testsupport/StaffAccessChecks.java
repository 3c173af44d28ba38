package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The staff-accountability contract of one endpoint (docs/architecture.md#staff-accountability), checked on the
 * running service: without {@code X-Staff-Reason} it answers 400 problem+json naming the header and records nothing;
 * with one the handler answers and exactly one {@code StaffAccessRecorded} naming the caller, its role, the action,
 * the subject and the decoded reason is on the topic the service writes them to.
 */
public final class StaffAccessChecks {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A staff call: {@code body} null for none; {@code role} also names the test token's subject (test-dpo). */
    public record Call(HttpMethod method, String uri, String role, Object body) {
    }

    private StaffAccessChecks() {
    }

    /** Checks the contract and returns the record written for the call with a reason. */
    public static StaffAccessRecorded recordedOnlyWithReason(WebTestClient web, String service, Call call,
            String action, String subjectId) {
        String topic = Topics.staffAccessTopic(service).name();
        Map<?, ?> problem = request(web, call, null).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) problem.get("errors")).singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("X-Staff-Reason"));

        String reason = "Beschwerde Ü-" + UUID.randomUUID();
        int status = request(web, call, reason).returnResult(byte[].class).getStatus().value();
        assertThat(status).as("%s %s with a reason reaches the handler", call.method(), call.uri())
                .isNotIn(400, 401, 403, 503);

        StaffAccessRecorded recorded = KafkaTestClient.forTestInfrastructure().await(topic,
                StaffAccessRecorded.class, r -> r.getReason().equals(reason), WAIT);
        assertThat(recorded.getStaffSubject()).isEqualTo("test-" + call.role().toLowerCase(Locale.ROOT));
        assertThat(recorded.getStaffRoles()).containsExactly(call.role());
        assertThat(recorded.getAction()).isEqualTo(action);
        assertThat(recorded.getSubjectId()).isEqualTo(subjectId);
        assertThat(recorded.getProducer()).isEqualTo(service);
        if (subjectId != null) {
            assertThat(recordsOf(topic, subjectId, action)).as("the call without a reason left no record")
                    .containsExactly(reason);
        }
        return recorded;
    }

    private static List<String> recordsOf(String topic, String subjectId, String action) {
        try (var avro = new AvroEventDeserializer()) {
            return KafkaTestClient.forTestInfrastructure().readAllRaw(topic, WAIT).stream()
                    .filter(r -> r.value() != null).map(r -> avro.deserialize(topic, r.value()))
                    .filter(StaffAccessRecorded.class::isInstance).map(StaffAccessRecorded.class::cast)
                    .filter(r -> Objects.equals(r.getSubjectId(), subjectId) && r.getAction().equals(action))
                    .map(StaffAccessRecorded::getReason).toList();
        }
    }

    private static WebTestClient.ResponseSpec request(WebTestClient web, Call call, String reason) {
        WebTestClient.RequestBodySpec request = web.method(call.method()).uri(call.uri())
                .headers(h -> h.setBearerAuth(StaffTokens.forRole(call.role())));
        if (reason != null) {
            request.header("X-Staff-Reason", java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8));
        }
        return call.body() == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body()).exchange();
    }
}
