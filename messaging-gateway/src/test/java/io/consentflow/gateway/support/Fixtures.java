package io.consentflow.gateway.support;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateMessage;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.platform.secrets.DevelopmentSecrets;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.schemas.SendRequestSignatures;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;

/** Random numbers, subjects and events for integration tests (unique per test: the broker is shared). */
public final class Fixtures {

    public static final ContactKeys KEYS = new ContactKeys(DevelopmentSecrets.PEPPER);
    /** The producer the test context authorises for customer service, and its key. */
    public static final String HELPDESK = "helpdesk";
    public static final String HELPDESK_KEY = "helpdesk-test-signing-key-0123456789abcdef";

    private Fixtures() {
    }

    /** A valid German mobile number in E.164. */
    public static String randomNumber() {
        return "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    public static String digits(String e164) {
        return e164.substring(1);
    }

    public static ConsentSnapshot snapshot(String e164, String subjectId, ConsentStatus status, List<String> purposes) {
        return ConsentSnapshot.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer("consent-service").setSubjectId(subjectId).setContactKey(KEYS.of(e164))
                .setStatus(status).setPurposes(purposes).setMarketingStoppedAtMeta(false).setVersion(1).build();
    }

    /** A new number CONFIRMED for "offers" on consent-state, returned once the gateway's consent view holds it. */
    public static String consentedToOffers(KafkaTestClient kafka, ConsentTable consents, Duration wait) {
        String number = randomNumber();
        kafka.publish(Topics.CONSENT_STATE.name(), KEYS.of(number),
                snapshot(number, UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, List.of("offers")));
        Awaitility.await().atMost(wait).until(() -> consents.get(KEYS.of(number)) != null);
        return number;
    }

    public static SendRequest.Builder marketing(String e164) {
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer("campaigns").setRequestId("req-" + UUID.randomUUID()).setTo(e164)
                .setCategory(MessageCategory.MARKETING).setPurpose("offers").setCampaignId("black-friday")
                .setTemplate(TemplateMessage.newBuilder().setName("offer").setLanguage("de").build());
    }

    /** Signed as consent-service signs its own messages (development key). */
    public static SendRequest signedByConsentService(SendRequest request) {
        return signed(request, "consent-service", DevelopmentSecrets.SEND_SIGNING_KEY);
    }

    /** Signed by the customer-service producer the test context authorises. */
    public static SendRequest signedByHelpdesk(SendRequest request) {
        return signed(request, HELPDESK, HELPDESK_KEY);
    }

    public static SendRequest signed(SendRequest request, String signer, String key) {
        SendRequest copy = SendRequest.newBuilder(request).setSignature(null).build();
        copy.setSignature(SendRequestSignatures.sign(copy, signer, key.getBytes(StandardCharsets.UTF_8)));
        return copy;
    }
}
