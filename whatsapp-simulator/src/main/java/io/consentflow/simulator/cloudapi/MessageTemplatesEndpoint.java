package io.consentflow.simulator.cloudapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.consentflow.simulator.SimulatorProperties;
import io.consentflow.simulator.templates.TemplateCatalog;
import io.consentflow.simulator.templates.TemplateDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /{Version}/{WABA-ID}/message_templates} of Meta's spec: the business account's templates with name,
 * language, category, status and components, optionally filtered by {@code name}, in pages of {@code limit} (25 by
 * default, as Meta) with opaque {@code after} cursors and a {@code paging.next} link while more follow.
 */
@RestController
public class MessageTemplatesEndpoint {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;
    /** Template ids are numeric strings, as Meta's; fixed per position so that they stay stable across restarts. */
    private static final long FIRST_ID = 1_000_000_000_001L;

    private final TemplateCatalog catalog;
    private final SimulatorProperties properties;

    public MessageTemplatesEndpoint(TemplateCatalog catalog, SimulatorProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateList(List<TemplateJson> data, Paging paging) {
    }

    public record TemplateJson(String id, String name, String language, String category, String status,
            List<Map<String, Object>> components) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Paging(Cursors cursors, String next) {
    }

    public record Cursors(String before, String after) {
    }

    @GetMapping("/{version}/{wabaId}/message_templates")
    public ResponseEntity<?> list(@PathVariable String version, @PathVariable String wabaId,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(required = false) String name, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after) {
        try {
            check(version, wabaId, authorization);
            int size = limit == null ? DEFAULT_LIMIT : limit;
            if (size < 1 || size > MAX_LIMIT) {
                throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "limit must be 1 to " + MAX_LIMIT);
            }
            return ResponseEntity.ok(page(version, wabaId, name, size, after == null ? 0 : position(after)));
        } catch (CloudApiException e) {
            var response = ResponseEntity.status(e.error().status());
            if (e.error() == CloudApiError.INVALID_TOKEN) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, CloudApiErrors.INVALID_TOKEN_CHALLENGE);
            }
            return response.body(CloudApiErrors.body(e));
        }
    }

    private void check(String version, String wabaId, String authorization) {
        if (!("Bearer " + properties.accessToken()).equals(authorization)) {
            throw new CloudApiException(CloudApiError.INVALID_TOKEN);
        }
        if (!properties.apiVersions().contains(version)) {
            throw new CloudApiException(CloudApiError.UNKNOWN_PATH, "Unknown path components: /" + version);
        }
        if (!properties.wabaId().equals(wabaId)) {
            throw new CloudApiException(CloudApiError.UNKNOWN_OBJECT, "Object with ID '" + wabaId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this"
                    + " operation.");
        }
    }

    private TemplateList page(String version, String wabaId, String name, int size, int from) {
        List<TemplateDefinition> all = catalog.all();
        List<TemplateJson> data = new ArrayList<>();
        int position = from;
        int last = from;
        for (; position < all.size() && data.size() < size; position++) {
            TemplateDefinition template = all.get(position);
            if (name == null || name.equals(template.name())) {
                data.add(json(template, position));
                last = position;
            }
        }
        boolean more = false;
        for (int rest = position; rest < all.size() && !more; rest++) {
            more = name == null || name.equals(all.get(rest).name());
        }
        String next = more ? "/" + version + "/" + wabaId + "/message_templates?limit=" + size
                + (name == null ? "" : "&name=" + name) + "&after=" + cursor(last + 1) : null;
        return new TemplateList(data, new Paging(new Cursors(cursor(from), cursor(last + 1)), next));
    }

    private static TemplateJson json(TemplateDefinition template, int position) {
        List<Map<String, Object>> components = new ArrayList<>();
        if (template.header() != null && !template.header().isBlank()) {
            components.add(component("HEADER", Map.of("format", "TEXT", "text", template.header())));
        }
        components.add(component("BODY", Map.of("text", template.body())));
        if (template.footer() != null && !template.footer().isBlank()) {
            components.add(component("FOOTER", Map.of("text", template.footer())));
        }
        if (!template.quickReplies().isEmpty()) {
            components.add(component("BUTTONS", Map.of("buttons", template.quickReplies().stream()
                    .map(title -> Map.of("type", "QUICK_REPLY", "text", title)).toList())));
        }
        return new TemplateJson(String.valueOf(FIRST_ID + position), template.name(), template.language(),
                template.category().name(), template.status().name(), components);
    }

    private static Map<String, Object> component(String type, Map<String, Object> fields) {
        Map<String, Object> component = new LinkedHashMap<>(fields);
        component.put("type", type);
        return component;
    }

    private static String cursor(int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("p" + position).getBytes(StandardCharsets.US_ASCII));
    }

    private static int position(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (decoded.startsWith("p")) {
                int position = Integer.parseInt(decoded.substring(1));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new CloudApiException(CloudApiError.INVALID_PARAMETER, "after: not a cursor of this list");
    }
}
