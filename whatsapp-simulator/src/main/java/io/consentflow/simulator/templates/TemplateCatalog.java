package io.consentflow.simulator.templates;

import io.consentflow.simulator.SimulatorProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The templates of the simulated business account, looked up like Meta does: by name and language. They start as
 * configured (simulator.templates); the control API can change a template's status or category, as Meta's review
 * does (a paused template, a re-categorised one), and a reset restores the configuration. Changes replace an
 * immutable map, so the send path reads it without a lock.
 */
@Component
public class TemplateCatalog {

    private final List<TemplateDefinition> configured;
    private volatile Map<String, TemplateDefinition> byKey;

    public TemplateCatalog(SimulatorProperties properties) {
        this.configured = properties.templates();
        reset();
    }

    public Optional<TemplateDefinition> find(String name, String language) {
        return Optional.ofNullable(byKey.get(key(name, language)));
    }

    /** Every template in configuration order. */
    public List<TemplateDefinition> all() {
        return List.copyOf(byKey.values());
    }

    /** Changes one template; empty when the account has no such template. */
    public synchronized Optional<TemplateDefinition> change(String name, String language, TemplateStatus status,
            TemplateCategory category) {
        String key = key(name, language);
        TemplateDefinition current = byKey.get(key);
        if (current == null) {
            return Optional.empty();
        }
        Map<String, TemplateDefinition> next = new LinkedHashMap<>(byKey);
        TemplateDefinition changed = current.changed(status, category);
        next.put(key, changed);
        byKey = java.util.Collections.unmodifiableMap(next);
        return Optional.of(changed);
    }

    public synchronized void reset() {
        Map<String, TemplateDefinition> next = new LinkedHashMap<>();
        // a later entry for the same name and language wins, in the place of the first
        configured.forEach(template -> next.put(key(template.name(), template.language()), template));
        byKey = java.util.Collections.unmodifiableMap(next);
    }

    private static String key(String name, String language) {
        return name + "\u0000" + language;
    }
}
