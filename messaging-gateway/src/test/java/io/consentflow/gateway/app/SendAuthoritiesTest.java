package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.HELPDESK;
import static io.consentflow.gateway.support.Fixtures.HELPDESK_KEY;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.signed;
import static io.consentflow.gateway.support.Fixtures.signedByConsentService;
import static io.consentflow.gateway.support.Fixtures.signedByHelpdesk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.Authority;
import io.consentflow.platform.secrets.DevelopmentSecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendAuthoritiesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SendAuthorities authorities = authorities(DevelopmentSecrets.SEND_SIGNING_KEY,
            Map.of(HELPDESK, HELPDESK_KEY));

    private SendAuthorities authorities(String consentKey, Map<String, String> customerService) {
        return new SendAuthorities(new SendSettings(64, Duration.ofMinutes(10), Duration.ofSeconds(5), consentKey,
                customerService), meters);
    }

    private static SendRequest request() {
        return marketing("+4915112345678").build();
    }

    private double invalid() {
        return meters.counter("consentflow.gateway.send.signature.invalid").count();
    }

    @Test
    void aVerifiedSignatureGrantsItsSignersAuthority() {
        assertThat(authorities.of(request())).isEqualTo(Authority.NONE);
        assertThat(authorities.of(signedByConsentService(request()))).isEqualTo(Authority.CONSENT_SERVICE);
        assertThat(authorities.of(signedByHelpdesk(request()))).isEqualTo(Authority.CUSTOMER_SERVICE);
        assertThat(invalid()).isZero();
    }

    @Test
    void forgedOrMisattributedSignaturesGrantNothingAndAreCounted() {
        // the helpdesk's key cannot sign as consent-service, nor an unknown producer as anyone
        assertThat(authorities.of(signed(request(), "consent-service", HELPDESK_KEY))).isEqualTo(Authority.NONE);
        assertThat(authorities.of(signed(request(), "campaigns", HELPDESK_KEY))).isEqualTo(Authority.NONE);
        SendRequest redirected = signedByConsentService(request());
        redirected.setTo("+4915199999999");
        assertThat(authorities.of(redirected)).isEqualTo(Authority.NONE);
        SendRequest garbage = request();
        garbage.setSignature("consent-service");
        assertThat(authorities.of(garbage)).isEqualTo(Authority.NONE);
        assertThat(invalid()).isEqualTo(4);
    }

    @Test
    void badConfigurationStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> authorities(null, Map.of()))
                .hasMessageContaining("consentflow.gateway.signing.consent-service-key");
        assertThatThrownBy(() -> authorities(DevelopmentSecrets.SEND_SIGNING_KEY, Map.of(HELPDESK, "short")))
                .hasMessageContaining("customer-service-keys.helpdesk");
        assertThatThrownBy(() -> authorities(DevelopmentSecrets.SEND_SIGNING_KEY,
                Map.of("consent-service", HELPDESK_KEY))).hasMessageContaining("not a permitted signer name");
    }
}
