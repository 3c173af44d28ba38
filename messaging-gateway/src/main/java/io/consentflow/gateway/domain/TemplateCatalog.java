package io.consentflow.gateway.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The business account's templates as last read from the Cloud API (docs/architecture.md#templates). Replaced as a
 * whole on each refresh (an immutable map behind a volatile field), so the gate reads it without a lock and never
 * sees half a refresh.
 */
public final class TemplateCatalog {

    private record Snapshot(Map<String, RegisteredTemplate> byKey, Instant loadedAt) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), null);

    public void replace(Collection<RegisteredTemplate> templates, Instant loadedAt) {
        Map<String, RegisteredTemplate> byKey = new HashMap<>();
        templates.forEach(template -> byKey.put(key(template.name(), template.language()), template));
        snapshot = new Snapshot(Map.copyOf(byKey), loadedAt);
    }

    /** The registered template, null when the account has none of that name and language. */
    public RegisteredTemplate find(String name, String language) {
        return snapshot.byKey().get(key(name, language));
    }

    /** When the catalog was last loaded; null before the first load. */
    public Instant loadedAt() {
        return snapshot.loadedAt();
    }

    public List<RegisteredTemplate> all() {
        return List.copyOf(snapshot.byKey().values());
    }

    private static String key(String name, String language) {
        return name + "\u0000" + language;
    }
}
