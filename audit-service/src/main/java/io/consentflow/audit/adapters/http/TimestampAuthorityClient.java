package io.consentflow.audit.adapters.http;

import io.consentflow.audit.app.TimestampAuthority;
import io.consentflow.audit.config.AnchorProperties;
import io.consentflow.proof.Timestamps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bouncycastle.tsp.TimeStampRequest;
import org.springframework.stereotype.Component;

/**
 * {@link TimestampAuthority} over HTTP: asks the configured RFC 3161 TSA for a token over a SHA-256 digest (on the
 * checkpoint thread, so blocking).
 */
@Component
public class TimestampAuthorityClient implements TimestampAuthority {

    private final AnchorProperties.Timestamp settings;
    private final HttpClient http;

    public TimestampAuthorityClient(AnchorProperties properties) {
        this.settings = properties.timestamp();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** The token (DER, base64); throws {@link Timestamps.TimestampException} when none could be obtained. */
    @Override
    public String stamp(byte[] sha256) {
        TimeStampRequest request = Timestamps.request(sha256);
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(settings.url()))
                    .timeout(settings.timeout()).header("Content-Type", Timestamps.QUERY_MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Timestamps.TimestampException("the TSA answered HTTP " + response.statusCode());
            }
            return Timestamps.tokenOf(request, response.body());
        } catch (IOException e) {
            throw new Timestamps.TimestampException("the TSA cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Timestamps.TimestampException("interrupted while asking the TSA");
        }
    }
}
