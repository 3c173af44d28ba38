package io.consentflow.gateway.templates;

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
    private final TemplateCatalogLoader loader;

    TemplatesController(TemplateCatalog catalog, TemplateCatalogLoader loader) {
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
