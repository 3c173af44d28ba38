package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journey 4: an opt-in nobody confirms expires, its pending data is deleted, and its button no longer confirms. */
class ExpiryJourneyIT extends JourneySupport {

    @Test
    void anUnconfirmedOptInExpiresAndItsDataIsGone() {
        Phone phone = Phone.create(suite);
        assertThat(requestOptIn(phone, List.of("offers")).status()).isIn(200, 201, 202);
        String payload = confirmPayload(awaitConfirmationRequest(phone, 0));
        String contactKey = Contacts.contactKey(phone.e164());

        consentState.await(io.consentflow.events.ConsentSnapshot.class,
                s -> s.getContactKey().equals(contactKey) && s.getStatus() == ConsentStatus.EXPIRED,
                Duration.ofSeconds(Suite.OPT_IN_TTL_SECONDS * 3L));

        assertThat(Http.get(suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164() + "/consent",
                staffToken("DPO")).status()).as("nothing pending is left to show").isEqualTo(404);
        assertThat(MongoScan.placesContaining(suite.infrastructure.mongoUri(), List.of(phone.digits())))
                .as("the number is nowhere in clear").isEmpty();

        phone.tap(payload);
        ServiceProcess.sleep(3_000);
        assertThat(consentState.all(io.consentflow.events.ConsentSnapshot.class,
                s -> s.getContactKey().equals(contactKey) && s.getStatus() == ConsentStatus.CONFIRMED))
                .as("an expired token never confirms").isEmpty();
    }
}
