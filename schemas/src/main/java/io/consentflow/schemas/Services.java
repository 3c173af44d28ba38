package io.consentflow.schemas;

/** The names services use as Kafka client ids, event {@code producer} values and topic writers. */
public final class Services {

    public static final String CONSENT = "consent-service";
    public static final String GATEWAY = "messaging-gateway";
    public static final String RETENTION = "retention-service";
    public static final String AUDIT = "audit-service";
    /** Campaign systems outside the suite that publish send requests. */
    public static final String CAMPAIGN_SYSTEMS = "campaign-systems";

    private Services() {
    }
}
