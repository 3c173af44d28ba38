package io.consentflow.audit.app;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When checkpoints are written ({@code consentflow.audit.checkpoint}): after {@code everyEntries} appended entries or
 * every {@code interval}, if anything changed.
 */
public record CheckpointSchedule(@DefaultValue("1000") int everyEntries, @DefaultValue("60s") Duration interval) {
}
