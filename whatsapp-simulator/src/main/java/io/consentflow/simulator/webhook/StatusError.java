package io.consentflow.simulator.webhook;

/** An error as Meta puts it into a failed status webhook (and, with messaging_product, into an API error). */
public record StatusError(int code, String title, String message, String details) {

    public static final String HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";
}
