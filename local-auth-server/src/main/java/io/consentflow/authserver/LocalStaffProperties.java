package io.consentflow.authserver;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The staff users of the local identity provider, under {@code consentflow.auth}.
 *
 * @param password  the one password of every local user (a documented development value; the server is never deployed)
 * @param roles     the staff roles; each gets a user named after it in lower case ({@code dpo}, {@code support}, ...)
 *                  whose tokens carry exactly that role. The names are platform's {@code Role}s
 * @param audience  the {@code aud} of every access token: the staff APIs accept only tokens meant for them
 * @param tokenClient the client id of the command-line client ({@code ./run-local.sh token ROLE}): client
 *                  credentials, one role asked for as the scope
 */
@ConfigurationProperties("consentflow.auth")
record LocalStaffProperties(
        @DefaultValue("local-staff-password") String password,
        @DefaultValue({"DPO", "SUPPORT", "MARKETING", "ADMIN", "CAMPAIGN"}) List<String> roles,
        @DefaultValue("consentflow-staff") String audience,
        @DefaultValue("local-cli") String tokenClient) {
}
