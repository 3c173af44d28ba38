package io.consentflow.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Activates {@link WithTestInfrastructure}; registered in META-INF/spring.factories. */
public class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(WithTestInfrastructure.class);
        return annotated ? new InfrastructureCustomizer() : null;
    }

    /** Equal to every other instance, so contexts that differ only by it still share Spring's context cache. */
    private static final class InfrastructureCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            TestInfrastructure infrastructure = TestInfrastructure.get();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("consentflowTestInfrastructure",
                    Map.of("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                            "spring.mongodb.uri", infrastructure.mongoUri(),
                            "LOG_FORMAT", "",
                            // a 2-core CI machine running a broker, a wire server and Chromium beside the service
                            // can exceed WebTestClient's 5 s default on a first request; correctness, not speed, is asserted
                            "spring.test.webtestclient.timeout", "30s",
                            "logging.level.org.apache.kafka", "WARN",
                            "logging.level.kafka", "WARN",
                            "logging.level.state.change.logger", "WARN",
                            "logging.level.org.mongodb.driver", "WARN",
                            "logging.level.de.bwaldvogel", "WARN")));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InfrastructureCustomizer;
        }

        @Override
        public int hashCode() {
            return InfrastructureCustomizer.class.hashCode();
        }
    }
}
