package io.consentflow.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The local identity provider over HTTP: its access tokens verify against its JWK set and issuer exactly as the
 * services verify them, carry one role, the staff audience and an expiry; the console's client must use PKCE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffTokenClaimsTests {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @LocalServerPort
    int port;

    /** Where this test's server listens; its tokens still name the configured issuer, run-local's default. */
    private String issuer() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> tokenRequest(String client, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Jwt verified(String token, String expectedIssuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer() + "/oauth2/jwks").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(expectedIssuer)));
        return decoder.decode(token);
    }

    private String token(String scope) throws Exception {
        HttpResponse<String> answer = tokenRequest("local-cli", "local-cli-secret", scope);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    @Test
    void aRoleTokenVerifiesAgainstTheJwkSetAndCarriesOneRoleTheAudienceAndAnExpiry() throws Exception {
        Jwt jwt = verified(token("DPO"), "http://localhost:9000");
        assertThat(jwt.getSubject()).isEqualTo("dpo");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("DPO");
        assertThat(jwt.getAudience()).containsExactly("consentflow-staff");
        assertThat(jwt.getExpiresAt()).isAfter(Instant.now().plusSeconds(50 * 60))
                .isBefore(Instant.now().plusSeconds(61 * 60));
        assertThat(jwt.getHeaders().get("alg")).hasToString("RS256");
        assertThatThrownBy(() -> verified(token("DPO"), "consentflow-local"))
                .as("a service expecting another issuer refuses it").isInstanceOf(JwtValidationException.class);
    }

    @Test
    void askingForSeveralRolesAtOnceGrantsNoneAndAWrongSecretGetsNoToken() throws Exception {
        Jwt jwt = verified(token("DPO ADMIN"), "http://localhost:9000");
        assertThat(jwt.getClaimAsStringList("roles")).isEmpty();
        assertThat(jwt.getSubject()).isEqualTo("local-cli");
        assertThat(tokenRequest("local-cli", "guessed", "ADMIN").statusCode()).isEqualTo(401);
    }

    @Test
    void theConsoleClientMustUsePkce() throws Exception {
        String authorize = issuer() + "/oauth2/authorize?response_type=code&client_id=staff-console&scope=openid"
                + "&redirect_uri=http://localhost:8085/login/oauth2/code/consentflow&state=s1";
        HttpResponse<String> withoutPkce = HTTP.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location")).get().asString()
                .contains("error=invalid_request").contains("code_challenge");

        HttpResponse<String> withPkce = HTTP.send(HttpRequest.newBuilder(URI.create(authorize
                        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withPkce.statusCode()).isEqualTo(302);
        assertThat(withPkce.headers().firstValue("Location")).get().asString().endsWith("/login");
    }
}
