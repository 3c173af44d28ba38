package io.consentflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;

/** Asserts that no part of an exported span (name, attributes, events and their attributes) holds a secret. */
final class PersonalDataFreeSpans {

    private PersonalDataFreeSpans() {
    }

    static void assertFree(SpanData span, String... secrets) {
        for (String secret : secrets) {
            assertThat(span.getName()).doesNotContain(secret);
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .as("%s of span %s", key, span.getName()).doesNotContain(secret));
            span.getEvents().forEach(event -> {
                assertThat(event.getName()).doesNotContain(secret);
                event.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                        .as("event %s: %s of span %s", event.getName(), key, span.getName()).doesNotContain(secret));
            });
            assertThat(span.getStatus().getDescription()).doesNotContain(secret);
        }
    }
}
