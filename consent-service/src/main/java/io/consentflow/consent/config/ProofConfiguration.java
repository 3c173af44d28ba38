package io.consentflow.consent.config;

import io.consentflow.consent.app.ProofSigner;
import io.consentflow.proof.Ed25519;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The key that signs proof bundles; under the prod profile the documented development key is refused. */
@Configuration(proxyBeanMethods = false)
public class ProofConfiguration {

    /** Public knowledge (consent-service/README.md): signs proofs in local runs and tests only. */
    public static final String DEVELOPMENT_KEY = "MC4CAQAwBQYDK2VwBCIEIKdUqFVfNlxFZ5rg7RMzGydGmkkHax9HaSbyERJjayAT";

    @Bean
    ProofSigner proofSigner(ConsentProperties properties) {
        String key = properties.proof().signingKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("consentflow.consent.proof.signing-key is not set");
        }
        try {
            return new ProofSigner(Ed25519.signer(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consentflow.consent.proof.signing-key: " + e.getMessage());
        }
    }

    @Bean
    @Profile("prod")
    InitializingBean developmentProofKeyGuard(ConsentProperties properties) {
        return () -> refuseDevelopmentKey(properties.proof().signingKey());
    }

    static void refuseDevelopmentKey(String key) {
        if (DEVELOPMENT_KEY.equals(key == null ? null : key.strip())) {
            throw new IllegalStateException("prod profile refuses to start: consentflow.consent.proof.signing-key "
                    + "holds the local development default. Provide CONSENTFLOW_PROOF_SIGNING_KEY through a Secret.");
        }
    }
}
