import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a staff access token from the local identity provider (local-auth-server):
 * {@code java scripts/LocalIdpToken.java ROLE} (Java 11+ source launcher, JDK only). Used by
 * {@code ./run-local.sh token ROLE}.
 *
 * <p>A client-credentials grant of the command-line client ({@code CONSENTFLOW_LOCAL_CLI_SECRET}, default
 * {@code local-cli-secret}) with the role as its one scope, at {@code CONSENTFLOW_AUTH_ISSUER} (default
 * {@code http://localhost:9000}). The token is RS256, {@code sub} the role's user ({@code dpo}, ...), {@code roles}
 * that role, {@code aud} {@code consentflow-staff}, valid one hour: what the services verify against the provider's
 * JWK set.
 */
public final class LocalIdpToken {

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].matches("DPO|SUPPORT|MARKETING|ADMIN|CAMPAIGN")) {
            System.err.println("usage: java scripts/LocalIdpToken.java ROLE   (ROLE is one of DPO, SUPPORT, MARKETING, ADMIN, CAMPAIGN)");
            System.exit(2);
        }
        String issuer = env("CONSENTFLOW_AUTH_ISSUER", "http://localhost:9000");
        String secret = env("CONSENTFLOW_LOCAL_CLI_SECRET", "local-cli-secret");
        String basic = Base64.getEncoder().encodeToString(("local-cli:" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + args[0])).build();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("the local identity provider does not answer at " + issuer + " (./run-local.sh start)");
            System.exit(1);
            return;
        }
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            System.err.println("no token from " + issuer + ": HTTP " + answer.statusCode());
            System.exit(1);
        }
        System.out.println(token.group(1));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
