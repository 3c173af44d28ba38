package io.consentflow.simulator.templates;

/** Meta's review status of a template; only APPROVED ones can be sent. */
public enum TemplateStatus { APPROVED, PENDING, REJECTED, PAUSED, DISABLED }
