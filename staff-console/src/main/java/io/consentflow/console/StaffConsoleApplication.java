package io.consentflow.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The DPO's console: server-rendered pages over the services' staff APIs. Staff sign in at the identity provider
 * (OIDC, authorization code with PKCE); every call to a service carries the signed-in person's own access token, so
 * each service applies its own role rules and names that person in the audit log.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StaffConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(StaffConsoleApplication.class, args);
    }
}
