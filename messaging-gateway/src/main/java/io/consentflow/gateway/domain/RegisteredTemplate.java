package io.consentflow.gateway.domain;

/**
 * A template as Meta registered it for the business account.
 *
 * @param category the category Meta approved it in: it decides the rules, the endpoint and the price
 * @param status   Meta's review status (APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ...)
 */
public record RegisteredTemplate(String name, String language, Category category, String status) {

    public boolean approved() {
        return "APPROVED".equals(status);
    }
}
