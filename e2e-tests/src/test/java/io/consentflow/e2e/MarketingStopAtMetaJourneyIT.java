package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageFailed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journey 3: "Stop promotions" at Meta and a 131050 send failure each block later marketing sends. */
class MarketingStopAtMetaJourneyIT extends JourneySupport {

    @Test
    void stopPromotionsAtMetaBlocksLaterMarketing() {
        Phone phone = Phone.create(suite);
        optInAndConfirm(phone, List.of("offers"));

        phone.setMarketingPreference("stop");

        messageEvents.awaitCondition(() -> {
            String requestId = sendMarketing(phone, "offers");
            return blockReason(awaitOutcome(requestId)).isPresent();
        }, PATIENCE, () -> "marketing still sent after user_preferences stop");
    }

    @Test
    void aSendFailingWith131050BlocksLaterMarketing() {
        Phone phone = Phone.create(suite, Phone.randomGermanMobile(), true, true);
        optInAndConfirm(phone, List.of("offers"));

        // as at Meta, the send is accepted and the 131050 arrives later in a failed status webhook
        String first = sendMarketing(phone, "offers");
        MessageFailed failed = messageEvents.await(MessageFailed.class,
                candidate -> first.equals(candidate.getRequestId()), PATIENCE);
        assertThat(failed.getErrorCode()).isEqualTo(131050);
        assertThat(failed.getRetryable()).isFalse();

        messageEvents.awaitCondition(() -> blockReason(awaitOutcome(sendMarketing(phone, "offers"))).isPresent(),
                PATIENCE, () -> "marketing still attempted after a 131050 failure");
    }
}
