package io.consentflow.simulator.templates;

/** Meta's template categories; they decide pricing, the marketing opt-out (131050) and the endpoint allowed. */
public enum TemplateCategory { MARKETING, UTILITY, AUTHENTICATION }
