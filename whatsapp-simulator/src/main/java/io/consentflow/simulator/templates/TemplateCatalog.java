package io.consentflow.simulator.templates;

import io.consentflow.simulator.SimulatorProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The templates "approved" for the simulated business account, looked up like Meta does: by name and language. */
@Component
public class TemplateCatalog {

    private final Map<String, TemplateDefinition> byKey;
    private final List<TemplateDefinition> all;

    public TemplateCatalog(SimulatorProperties properties) {
        this.all = properties.templates();
        this.byKey = all.stream().collect(Collectors.toUnmodifiableMap(
                t -> key(t.name(), t.language()), Function.identity(), (a, b) -> b));
    }

    public Optional<TemplateDefinition> find(String name, String language) {
        return Optional.ofNullable(byKey.get(key(name, language)));
    }

    public List<TemplateDefinition> all() {
        return all;
    }

    private static String key(String name, String language) {
        return name + "\u0000" + language;
    }
}
