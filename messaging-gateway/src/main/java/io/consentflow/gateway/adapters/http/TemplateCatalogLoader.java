package io.consentflow.gateway.adapters.http;

import io.consentflow.gateway.app.TemplateRefresh;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.RegisteredTemplate;
import io.consentflow.gateway.domain.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * Loads the business account's templates from the Cloud API ({@code GET /{version}/{waba-id}/message_templates},
 * every page) into the {@link TemplateCatalog}: once before the first send request is read, then every
 * {@code consentflow.gateway.templates.refresh-interval} and on demand (staff API). A failed refresh keeps the
 * catalog as it was: the last word Meta gave stays in force rather than an empty catalog refusing everything.
 */
@Component
public class TemplateCatalogLoader implements TemplateRefresh {

    /** Meta answers at most this many per page; more pages than MAX_PAGES would be an account we do not expect. */
    static final int PAGE_SIZE = 1000;
    static final int MAX_PAGES = 100;
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    private static final Logger log = LoggerFactory.getLogger(TemplateCatalogLoader.class);

    private final TemplateCatalog catalog;
    private final WebClient web;
    private final String path;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();

    TemplateCatalogLoader(TemplateCatalog catalog, GatewayProperties properties, Clock clock) {
        var whatsapp = properties.whatsapp();
        this.catalog = catalog;
        this.clock = clock;
        this.path = "/" + whatsapp.apiVersion() + "/" + whatsapp.wabaId() + "/message_templates";
        this.web = WebClient.builder().baseUrl(whatsapp.baseUrl())
                .defaultHeaders(h -> h.setBearerAuth(whatsapp.accessToken()))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    /** Runs {@code action} once the catalog was first loaded, retrying the load with back-off until it is. */
    @Override
    public void whenLoaded(Runnable action) {
        refresh().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                .doBeforeRetry(signal -> log.warn("template catalog not loaded ({}); retrying",
                        signal.failure().getClass().getSimpleName())))
                .subscribe(count -> {
                    started.set(true);
                    action.run();
                });
    }

    /** Reads every page and replaces the catalog; emits the number of templates. */
    @Override
    public Mono<Integer> refresh() {
        // deferred: each subscription (a retry too) collects into a list of its own
        return Mono.defer(() -> page(null, new ArrayList<>(), 1)).map(templates -> {
            catalog.replace(templates, clock.instant());
            log.info("template catalog loaded: {} templates", templates.size());
            return templates.size();
        });
    }

    @Scheduled(fixedDelayString = "${consentflow.gateway.templates.refresh-interval:5m}",
            initialDelayString = "${consentflow.gateway.templates.refresh-interval:5m}")
    void refreshPeriodically() {
        if (started.get()) {
            refresh().onErrorResume(e -> {
                log.warn("template catalog refresh failed ({}); keeping the last one", e.getClass().getSimpleName());
                return Mono.empty();
            }).subscribe();
        }
    }

    private Mono<List<RegisteredTemplate>> page(String after, List<RegisteredTemplate> into, int number) {
        if (number > MAX_PAGES) {
            return Mono.error(new IllegalStateException("more than " + MAX_PAGES + " pages of templates"));
        }
        return web.get().uri(b -> {
            b.path(path).queryParam("fields", "name,language,category,status").queryParam("limit", PAGE_SIZE);
            return (after == null ? b : b.queryParam("after", after)).build();
        }).retrieve().bodyToMono(JsonNode.class).flatMap(body -> {
            for (JsonNode item : body.path("data")) {
                RegisteredTemplate template = template(item);
                if (template != null) {
                    into.add(template);
                }
            }
            JsonNode paging = body.path("paging");
            String next = paging.path("cursors").path("after").asString("");
            return paging.has("next") && !next.isEmpty() ? page(next, into, number + 1) : Mono.just(into);
        });
    }

    /** A template the gate can judge; one without name, language or a known category is left out (unknown). */
    static RegisteredTemplate template(JsonNode item) {
        String name = item.path("name").asString("");
        String language = item.path("language").asString("");
        String category = item.path("category").asString("");
        if (name.isEmpty() || language.isEmpty() || !CATEGORIES.contains(category)) {
            return null;
        }
        return new RegisteredTemplate(name, language, Category.valueOf(category), item.path("status").asString(""));
    }
}
