package io.consentflow.simulator.cloudapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Response bodies of the send endpoints, field for field as in Meta's spec. */
public final class CloudApiDtos {

    private CloudApiDtos() {
    }

    public record SendResponse(
            @JsonProperty("messaging_product") String messagingProduct,
            List<Contact> contacts,
            List<MessageId> messages) {
    }

    public record Contact(String input, @JsonProperty("wa_id") String waId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageId(String id, @JsonProperty("message_status") String messageStatus) {
    }

    public record ErrorResponse(ErrorBody error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(
            String message,
            String type,
            int code,
            @JsonProperty("error_subcode") Integer errorSubcode,
            @JsonProperty("error_data") ErrorData errorData,
            @JsonProperty("fbtrace_id") String fbtraceId) {
    }

    public record ErrorData(@JsonProperty("messaging_product") String messagingProduct, String details) {
    }
}
