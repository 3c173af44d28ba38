package io.consentflow.gateway.app;

import reactor.core.publisher.Mono;

/** Reads the business account's template catalog again (port; {@code adapters.http.TemplateCatalogLoader}). */
public interface TemplateRefresh {

    /** Reads the catalog now; answers the number of templates loaded. */
    Mono<Integer> refresh();

    /** Runs {@code action} once the catalog was loaded the first time (at once if it was). */
    void whenLoaded(Runnable action);
}
