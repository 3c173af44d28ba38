package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.contact.ContactKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmallDomainTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void contactKeyIsUnpaddedBase64UrlOfTheHmacOverTheE164WithPlus() {
        String key = new ContactKeys("local-development-pepper-0123456789abcdef").of("+4915112345678");
        assertThat(key).hasSize(43).doesNotContain("=", "+", "/");
        assertThat(key).isNotEqualTo(new ContactKeys("local-development-pepper-0123456789abcdef").of("4915112345678"));
    }

    @Test
    void recipientPacerSpacesMessagesToTheSameContact() {
        var pacer = new RecipientPacer(Duration.ofSeconds(6));
        assertThat(pacer.reserve("a", T0)).isZero();
        assertThat(pacer.reserve("a", T0)).isEqualTo(Duration.ofSeconds(6));
        assertThat(pacer.reserve("a", T0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(11));
        assertThat(pacer.reserve("b", T0)).isZero();
        assertThat(pacer.reserve("c", T0)).isZero();
        assertThat(pacer.reserve("c", T0.plusSeconds(7))).isZero();
    }

    @Test
    void frequencyLedgerCountsWithinTheSlidingWindow() {
        var ledger = new FrequencyLedger(Duration.ofDays(7));
        ledger.record("a", T0);
        ledger.record("a", T0.plus(Duration.ofDays(2)));
        assertThat(ledger.count("a", T0.plus(Duration.ofDays(3)))).isEqualTo(2);
        assertThat(ledger.count("a", T0.plus(Duration.ofDays(8)))).isEqualTo(1);
        assertThat(ledger.count("b", T0)).isZero();
    }

    @Test
    void frequencyLedgerCountsARequestOnceAndNeverAgainstItself() {
        var ledger = new FrequencyLedger(Duration.ofDays(7));
        ledger.record("a", "request-1", T0);
        ledger.record("a", "request-1", T0.plusSeconds(30)); // judged again: resumed, or its batch retried
        ledger.record("a", "request-2", T0.plusSeconds(60));
        assertThat(ledger.count("a", T0.plusSeconds(90))).isEqualTo(2);
        assertThat(ledger.count("a", "request-1", T0.plusSeconds(90))).isEqualTo(1);
        assertThat(ledger.count("a", "request-3", T0.plusSeconds(90))).isEqualTo(2);
        // requests recorded without a requestId are never taken for one another
        ledger.record("b", T0);
        ledger.record("b", T0);
        assertThat(ledger.count("b", T0)).isEqualTo(2);
        assertThat(FrequencyLedger.mark("request-1")).isNotEqualTo(FrequencyLedger.mark("request-2"));
    }

    @Test
    void serviceWindowsRememberTheLatestInboundAndPrune() {
        var windows = new ServiceWindows(Duration.ofHours(24));
        windows.inbound("a", T0);
        windows.inbound("a", T0.minusSeconds(60));
        assertThat(windows.lastInbound("a")).isEqualTo(T0);
        windows.prune(T0.plus(Duration.ofHours(25)));
        assertThat(windows.lastInbound("a")).isNull();
    }

    @Test
    void webhookSignatureAcceptsCurrentAndPreviousSecretOnly() {
        byte[] body = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
        var signature = new WebhookSignature("new-secret", "old-secret");
        assertThat(signature.verify(WebhookSignature.sign("new-secret", body), body))
                .isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(signature.verify(WebhookSignature.sign("old-secret", body), body))
                .isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(signature.verify(WebhookSignature.sign("other", body), body))
                .isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(signature.verify(null, body)).isEqualTo(WebhookSignature.Verdict.MISSING);
        assertThat(signature.verify("sha256=zz", body)).isEqualTo(WebhookSignature.Verdict.INVALID);
        assertThat(signature.verify("sha1=abcd", body)).isEqualTo(WebhookSignature.Verdict.INVALID);
        var noRotation = new WebhookSignature("new-secret", "");
        assertThat(noRotation.verify(WebhookSignature.sign("old-secret", body), body))
                .isEqualTo(WebhookSignature.Verdict.INVALID);
    }

    @Test
    void onlyThrottlingIsRetriedNowAndAServerErrorMayHaveBeenAccepted() {
        assertThat(CloudApiOutcome.retryNow(429, 130429)).isTrue();
        assertThat(CloudApiOutcome.retryNow(400, 131056)).isTrue();
        assertThat(CloudApiOutcome.retryNow(503, 131016)).isFalse();
        assertThat(CloudApiOutcome.retryNow(500, 131000)).isFalse();
        assertThat(CloudApiOutcome.mayHaveBeenAccepted(500)).isTrue();
        assertThat(CloudApiOutcome.mayHaveBeenAccepted(400)).isFalse();
        for (int permanent : new int[] {131026, 131047, 131050, 131049, 100}) {
            assertThat(CloudApiOutcome.retryNow(400, permanent)).as("" + permanent).isFalse();
        }
    }
}
