package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journey 2: STOP in German blocks marketing at once, confirms exactly once; START asks again, restores nothing. */
class StopJourneyIT extends JourneySupport {

    @Test
    void stopInGermanThenStartLeadsToANewDoubleOptIn() {
        Phone phone = Phone.create(suite);
        optInAndConfirm(phone, List.of("offers", "new-collections"));
        int outboundBeforeStop = phone.outbound().size();

        phone.sendText("Stopp!! Bitte keine Nachrichten mehr");
        awaitConsent(phone, ConsentStatus.STOPPED);

        assertThat(blockReason(awaitOutcome(sendMarketing(phone, "offers")))).contains("STOPPED");
        phone.awaitOutboundCount(outboundBeforeStop + 1, PATIENCE);
        ServiceProcess.sleep(2_000);
        assertThat(phone.outbound()).as("exactly one STOP confirmation").hasSize(outboundBeforeStop + 1);

        int confirmationsBefore = (int) phone.outbound().stream().filter(m -> m.path("buttons").size() > 0).count();
        phone.sendText("START");
        awaitConfirmationRequest(phone, confirmationsBefore);
        assertThat(blockReason(awaitOutcome(sendMarketing(phone, "offers"))))
                .as("START never silently restores consent").isPresent();
    }
}
