package io.consentflow.retention.config;

import io.consentflow.retention.domain.DeadlineRules;
import io.consentflow.retention.domain.PolicyDocumentParser;
import io.consentflow.retention.domain.RetentionPolicies;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Loads and validates the policy document at start-up: a bad document stops the service with the bad entries named. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class PolicyConfiguration {

    static final String DEFAULT_RESOURCE = "retention-policies.yml";

    @Bean
    RetentionPolicies retentionPolicies(RetentionProperties properties) {
        String file = properties.policyFile();
        if (file == null || file.isBlank()) {
            try (InputStream in = PolicyConfiguration.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                return parse(in, "classpath:" + DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return parse(in, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read retention policy file " + file + " (RETENTION_POLICY_FILE)", e);
        }
    }

    @Bean
    DeadlineRules deadlineRules(RetentionPolicies policies) {
        return new DeadlineRules(policies);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Parses a policy document; SafeConstructor: the file is configuration, never a way to instantiate classes. */
    public static RetentionPolicies parse(InputStream in, String source) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw new io.consentflow.retention.domain.InvalidPolicyException(source,
                    java.util.List.of("document: not valid YAML (" + e.getClass().getSimpleName() + ")"));
        }
        return new PolicyDocumentParser(personalDataTopicLimits()).parse(document, source);
    }

    /** The topics that carry phone numbers, with the catalog's retention as the most a policy may allow. */
    public static Map<String, Duration> personalDataTopicLimits() {
        return Topics.ALL.stream().filter(TopicSpec::carriesPersonalData)
                .collect(Collectors.toMap(TopicSpec::name, topic -> Topics.PERSONAL_DATA_TOPIC_RETENTION));
    }
}
