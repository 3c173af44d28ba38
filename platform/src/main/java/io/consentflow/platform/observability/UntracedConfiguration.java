package io.consentflow.platform.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Tracing off (the default): {@link TraceParents#UNTRACED}, which looks nothing up and starts nothing. */
@AutoConfiguration(after = TracingConfiguration.class)
public class UntracedConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TraceParents untracedTraceParents() {
        return TraceParents.UNTRACED;
    }
}
