package io.consentflow.testsupport.layoutfixture.violating.config;

/** Configuration properties. */
public record ViolatingProperties(boolean enabled) {
}
