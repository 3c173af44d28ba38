package io.consentflow.consent.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.schemas.SendRequestSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SendRequestSignerTest {

    private static final String KEY = "a-consent-service-test-key-of-32-bytes";

    private static SendRequest request() {
        return SendRequest.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH).setProducer("consent-service")
                .setRequestId("consent-e").setTo("+4917612345678").setCategory(MessageCategory.SERVICE)
                .setText("Du erhältst keine Nachrichten mehr").setSubjectId("s").setNotAfter(Instant.EPOCH)
                .setButtons(List.of()).build();
    }

    @Test
    void sendRequestsLeaveSignedWithoutChangingTheQueuedEntry() {
        SendRequest queued = request();

        SpecificRecord published = new SendRequestSigner(KEY).signed(queued);

        assertThat(queued.getSignature()).as("the outbox entry is not changed").isNull();
        assertThat(SendRequestSignatures.verify((SendRequest) published, "consent-service",
                KEY.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(new SendRequestSigner(KEY).signed(queued)).as("a republished entry: same signature")
                .isEqualTo(published);
    }

    @Test
    void otherEventsAndTombstonesPassUnchanged() {
        ConsentSnapshot snapshot = new ConsentSnapshot();
        assertThat(new SendRequestSigner(KEY).signed(snapshot)).isSameAs(snapshot);
        assertThat(new SendRequestSigner(KEY).signed(null)).isNull();
    }

    @Test
    void aMissingOrShortKeyStopsTheServiceWithTheProperty() {
        assertThatThrownBy(() -> new SendRequestSigner(null)).hasMessageContaining("CONSENTFLOW_SEND_SIGNING_KEY");
        assertThatThrownBy(() -> new SendRequestSigner("too-short")).hasMessageContaining("at least 32 bytes");
    }
}
