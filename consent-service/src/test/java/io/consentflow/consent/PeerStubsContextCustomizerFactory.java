package io.consentflow.consent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every test context of this module at {@link PeerStubs} (registered in META-INF/spring.factories). Equal to
 * every other instance, so all test classes keep sharing one cached context: one set of Kafka listeners.
 */
public class PeerStubsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new PeerStubsCustomizer();
    }

    private static final class PeerStubsCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> urls = new HashMap<>();
            PeerStubs.propertyNames().forEach(name -> urls.put(name, PeerStubs.get().baseUrl()));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("peerStubs", urls));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PeerStubsCustomizer;
        }

        @Override
        public int hashCode() {
            return PeerStubsCustomizer.class.hashCode();
        }
    }
}
