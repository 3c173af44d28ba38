package io.consentflow.console.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The services' staff APIs as the console calls them. The {@link RestClient} adds the signed-in person's access
 * token to every call (see {@link ApiClientConfiguration}); calls touching personal data carry the reason the person
 * gave in {@link #REASON_HEADER}, percent-encoded UTF-8, which the services require and write to the audit log.
 * Bodies stay generic maps: the console shows what the services answer and keeps no copy of their types.
 */
public class StaffApi {

    /** The header the services read the staff member's reason from (platform's {@code StaffReason.HEADER}). */
    public static final String REASON_HEADER = "X-Staff-Reason";

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private final RestClient client;
    private final ServiceUrls urls;

    StaffApi(RestClient client, ServiceUrls urls) {
        this.client = client;
        this.urls = urls;
    }

    // consent-service -------------------------------------------------------------------------------------------

    public Answer<Map<String, Object>> consent(String e164, String reason) {
        return call(() -> client.get().uri(urls.consentUrl() + "/api/v1/subjects/{e164}/consent", e164)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<Map<String, Object>> history(String e164, String reason) {
        return call(() -> client.get().uri(urls.consentUrl() + "/api/v1/subjects/{e164}/history", e164)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<Download> export(String e164, String reason) {
        return download(urls.consentUrl() + "/api/v1/subjects/{e164}/export", reason, e164);
    }

    /** The proof bundle (consent-service, issue 25): PDF or printable HTML, German or English. */
    public Answer<Download> proof(String e164, String format, String lang, String reason) {
        return download(urls.consentUrl() + "/api/v1/subjects/{e164}/proof?format={format}&lang={lang}", reason,
                e164, format, lang);
    }

    public Answer<Map<String, Object>> stop(String e164, String reason) {
        return call(() -> client.post().uri(urls.consentUrl() + "/api/v1/subjects/{e164}/stop", e164)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<Map<String, Object>> erase(String e164, String reason) {
        return call(() -> client.post().uri(urls.consentUrl() + "/api/v1/subjects/{e164}/erasure", e164)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<List<Map<String, Object>>> chatErasureRequests(String reason) {
        return call(() -> client.get().uri(urls.consentUrl() + "/api/v1/erasure-requests")
                .headers(h -> reason(h, reason)).retrieve().toEntity(LIST));
    }

    public Answer<Map<String, Object>> confirmChatErasure(String contactKey, String reason) {
        return call(() -> client.post().uri(urls.consentUrl() + "/api/v1/erasure-requests/{key}/confirm", contactKey)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<Void> dismissChatErasure(String contactKey, String reason) {
        return call(() -> client.post().uri(urls.consentUrl() + "/api/v1/erasure-requests/{key}/dismiss", contactKey)
                .headers(h -> reason(h, reason)).retrieve().toBodilessEntity());
    }

    // messaging-gateway -----------------------------------------------------------------------------------------

    public Answer<Map<String, Object>> messages(String subjectId, String reason) {
        return call(() -> client.get().uri(urls.gatewayUrl() + "/api/v1/messages?subjectId={id}", subjectId)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<Map<String, Object>> campaignReport(String campaignId) {
        return call(() -> client.get().uri(urls.gatewayUrl() + "/api/v1/campaigns/{id}/report", campaignId)
                .retrieve().toEntity(MAP));
    }

    // retention-service -----------------------------------------------------------------------------------------

    public Answer<Map<String, Object>> erasure(String erasureId, String reason) {
        return call(() -> client.get().uri(urls.retentionUrl() + "/api/v1/retention/erasures/{id}", erasureId)
                .headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    public Answer<List<Map<String, Object>>> openErasures() {
        return call(() -> client.get().uri(urls.retentionUrl() + "/api/v1/retention/erasures/open")
                .retrieve().toEntity(LIST));
    }

    public Answer<List<Map<String, Object>>> overdueErasures() {
        return call(() -> client.get().uri(urls.retentionUrl() + "/api/v1/retention/overdue")
                .retrieve().toEntity(LIST));
    }

    public Answer<Map<String, Object>> deadlineSummary() {
        return call(() -> client.get().uri(urls.retentionUrl() + "/api/v1/retention/deadlines/summary")
                .retrieve().toEntity(MAP));
    }

    public Answer<Map<String, Object>> retentionPolicies() {
        return call(() -> client.get().uri(urls.retentionUrl() + "/api/v1/retention/policies")
                .retrieve().toEntity(MAP));
    }

    // audit-service ---------------------------------------------------------------------------------------------

    public Answer<Map<String, Object>> verifyAudit() {
        return call(() -> client.get().uri(urls.auditUrl() + "/api/v1/audit/verify").retrieve().toEntity(MAP));
    }

    public Answer<List<Map<String, Object>>> newestCheckpoints(int count) {
        return call(() -> client.get().uri(urls.auditUrl() + "/api/v1/audit/checkpoints?size={size}", count)
                .retrieve().toEntity(LIST));
    }

    /** The signed deletion certificate of an erasure as JSON (certificate, canonical form, signature). */
    public Answer<Map<String, Object>> certificate(String erasureId, String reason) {
        return call(() -> client.get().uri(urls.auditUrl() + "/api/v1/audit/erasures/{id}/certificate?format=json",
                erasureId).headers(h -> reason(h, reason)).retrieve().toEntity(MAP));
    }

    /** The same certificate as audit-service's printable HTML page, passed through as it comes. */
    public Answer<Download> printableCertificate(String erasureId, String reason) {
        return download(urls.auditUrl() + "/api/v1/audit/erasures/{id}/certificate?format=html", reason, erasureId);
    }

    // -----------------------------------------------------------------------------------------------------------

    private Answer<Download> download(String uri, String reason, Object... variables) {
        return call(() -> {
            ResponseEntity<byte[]> answer = client.get().uri(uri, variables).headers(h -> reason(h, reason))
                    .retrieve().toEntity(byte[].class);
            HttpHeaders headers = answer.getHeaders();
            String type = headers.getContentType() == null ? "application/octet-stream"
                    : headers.getContentType().toString();
            return ResponseEntity.status(answer.getStatusCode())
                    .body(new Download(answer.getBody(), type, headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)));
        });
    }

    private static void reason(HttpHeaders headers, String reason) {
        headers.set(REASON_HEADER, URLEncoder.encode(reason, StandardCharsets.UTF_8));
    }

    private static <T> Answer<T> call(Supplier<ResponseEntity<T>> request) {
        try {
            ResponseEntity<T> answer = request.get();
            return new Answer<>(answer.getStatusCode().value(), answer.getBody(), null);
        } catch (RestClientResponseException refused) {
            return new Answer<>(refused.getStatusCode().value(), null, detail(refused));
        } catch (ResourceAccessException unreachable) {
            return new Answer<>(0, null, "the service could not be reached");
        }
    }

    private static String detail(RestClientResponseException refused) {
        try {
            Map<?, ?> problem = refused.getResponseBodyAs(Map.class);
            if (problem != null) {
                Object detail = problem.get("detail") != null ? problem.get("detail") : problem.get("title");
                return detail == null ? refused.getStatusText() : detail.toString();
            }
        } catch (RuntimeException notAProblem) {
            // not problem+json: the status text says enough
        }
        return refused.getStatusText();
    }
}
