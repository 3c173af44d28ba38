package io.consentflow.consent.adapters.http;

import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * audit-service answers {@code {page, size, total, entries}} pages (page from 0, size 1..500). An Art. 15 export must
 * be complete, so every page is fetched; more than {@code maxPages} is reported as UNAVAILABLE, never truncated.
 */
final class AuditPages {

    private final PeerClient client;
    private final int pageSize;
    private final int maxPages;
    private final String baseUrl;

    AuditPages(PeerClient client, String baseUrl, int pageSize, int maxPages) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.pageSize = Math.max(1, Math.min(500, pageSize));
        this.maxPages = Math.max(1, maxPages);
    }

    /** {@code {subjectId, total, pages, entries: [...every entry, oldest page first]}}. */
    Mono<JsonNode> all(String subjectId, String bearer) {
        return page(subjectId, 0, bearer)
                .expand(page -> {
                    int next = page.path("page").asInt(0) + 1;
                    boolean more = page.path("entries").size() >= pageSize
                            && (long) next * pageSize < page.path("total").asLong(0);
                    if (!more) {
                        return Mono.empty();
                    }
                    return next >= maxPages
                            ? Mono.error(new IllegalStateException("audit entries exceed the page limit"))
                            : page(subjectId, next, bearer);
                })
                .collectList()
                .map(pages -> {
                    ObjectNode combined = JsonNodeFactory.instance.objectNode();
                    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
                    pages.forEach(page -> page.path("entries").forEach(entries::add));
                    combined.put("subjectId", subjectId);
                    combined.put("total", pages.get(pages.size() - 1).path("total").asLong(entries.size()));
                    combined.put("pages", pages.size());
                    combined.set("entries", entries);
                    return combined;
                });
    }

    private Mono<JsonNode> page(String subjectId, int page, String bearer) {
        return client.getJson(PeerClient.uri(baseUrl, "/api/v1/audit/entries",
                        Map.of("subjectId", subjectId, "page", page, "size", pageSize)), bearer)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty audit page")))
                .flatMap(body -> body.path("entries").isArray() ? Mono.just(body)
                        : Mono.error(new IllegalStateException("not an audit entry page")));
    }
}
