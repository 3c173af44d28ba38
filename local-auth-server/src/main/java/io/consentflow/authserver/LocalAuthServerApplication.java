package io.consentflow.authserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The local stand-in for the organisation's identity provider: Spring Authorization Server with one user per staff
 * role. It signs staff access tokens (RS256, its own key, published at {@code /oauth2/jwks}) that the services verify
 * exactly as they verify the production provider's tokens: issuer and JWK set URI. Local development and tests only.
 */
@SpringBootApplication
@EnableConfigurationProperties(LocalStaffProperties.class)
public class LocalAuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalAuthServerApplication.class, args);
    }
}
