import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Prints a staff JWT for local development: {@code java scripts/StaffToken.java ROLE} (Java 11+ source launcher,
 * JDK only). Used by {@code ./run-local.sh token ROLE}.
 *
 * <p>Header {@code {"alg":"HS256","typ":"JWT"}}; claims {@code iss=consentflow-local}, {@code aud} (the staff APIs'
 * audience, {@code CONSENTFLOW_JWT_AUDIENCE}, default {@code consentflow-staff}), {@code sub=local-<role>},
 * {@code roles=[ROLE]}, {@code iat=now}, {@code exp=now+12h}; HMAC-SHA256 over the UTF-8 bytes of
 * {@code CONSENTFLOW_JWT_SECRET} (default: the documented local development secret, which the prod profile refuses).
 */
public final class StaffToken {

    static final String DEFAULT_SECRET = "local-development-jwt-secret-0123456789abcdef0123456789";
    static final Set<String> ROLES = Set.of("DPO", "SUPPORT", "MARKETING", "ADMIN");
    static final String DEFAULT_AUDIENCE = "consentflow-staff";
    static final long LIFETIME_SECONDS = 12 * 60 * 60;

    public static void main(String[] args) throws GeneralSecurityException {
        if (args.length != 1 || !ROLES.contains(args[0])) {
            System.err.println("usage: java scripts/StaffToken.java ROLE   "
                    + "(ROLE is one of DPO, SUPPORT, MARKETING, ADMIN, CAMPAIGN)");
            System.exit(2);
        }
        String role = args[0];
        String secret = System.getenv("CONSENTFLOW_JWT_SECRET");
        if (secret == null || secret.isEmpty()) {
            secret = DEFAULT_SECRET;
        }
        String audience = System.getenv("CONSENTFLOW_JWT_AUDIENCE");
        if (audience == null || audience.isEmpty()) {
            audience = DEFAULT_AUDIENCE;
        }
        if (!audience.matches("[A-Za-z0-9._:/-]+")) {
            System.err.println("CONSENTFLOW_JWT_AUDIENCE may hold only letters, digits and . _ : / -");
            System.exit(2);
        }
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        // Role names are a closed set of [A-Z] words and the audience is checked above: the JSON needs no escaping.
        String claims = "{\"iss\":\"consentflow-local\",\"aud\":\"" + audience + "\",\"sub\":\"local-"
                + role.toLowerCase(java.util.Locale.ROOT)
                + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + LIFETIME_SECONDS) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        System.out.println(signingInput + "." + base64Url(signature));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
