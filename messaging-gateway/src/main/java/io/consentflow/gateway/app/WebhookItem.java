package io.consentflow.gateway.app;

import java.time.Instant;

/** One thing a webhook delivery reports; a delivery may carry several. */
sealed interface WebhookItem {

    /** Identifies the item across redeliveries (hashed before it is stored). */
    String dedupeKey();

    record Inbound(String wamid, String waId, String type, String text, String buttonPayload, String buttonTitle,
            Instant at, String phoneNumberId) implements WebhookItem {
        public String dedupeKey() {
            return "message|" + wamid;
        }
    }

    /** @param requestId the biz_opaque_callback_data Meta echoed: the requestId the gateway sent (null: none) */
    record Status(String wamid, String status, Instant at, Integer errorCode, String requestId) implements WebhookItem {
        public String dedupeKey() {
            return "status|" + wamid + "|" + status;
        }
    }

    record Preference(String waId, String value, Instant at) implements WebhookItem {
        public String dedupeKey() {
            return "preference|" + waId + "|" + value + "|" + at.getEpochSecond();
        }
    }
}
