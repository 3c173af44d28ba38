package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.TemplateRefresh;
import io.consentflow.gateway.domain.RegisteredTemplate;
import io.consentflow.gateway.domain.TemplateCatalog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The template catalog the gate judges by, and a refresh on demand (a template was just approved or paused). */
@RestController
class TemplatesController {

    private final TemplateCatalog catalog;
    private final TemplateRefresh loader;

    TemplatesController(TemplateCatalog catalog, TemplateRefresh loader) {
        this.catalog = catalog;
        this.loader = loader;
    }

    record Catalog(Instant loadedAt, List<RegisteredTemplate> templates) {
    }

    @GetMapping("/api/v1/templates")
    Catalog templates() {
        return new Catalog(catalog.loadedAt(), catalog.all().stream()
                .sorted(Comparator.comparing(RegisteredTemplate::name).thenComparing(RegisteredTemplate::language))
                .toList());
    }

    @PostMapping("/api/v1/templates/refresh")
    Mono<Catalog> refresh() {
        return loader.refresh().map(count -> templates());
    }
}
