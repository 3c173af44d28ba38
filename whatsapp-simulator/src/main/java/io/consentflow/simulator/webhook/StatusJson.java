package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes status webhooks straight to JSON bytes: one fragment per status, joined into the statuses array of one
 * payload (object whatsapp_business_account, one entry, one change with field "messages"), the shape of the spec's
 * status examples. Statuses are the bulk of all webhooks, so they skip building maps and Jackson's tree walk.
 */
final class StatusJson {

    private final byte[] prefix;
    private final byte[] suffix;

    StatusJson(SimulatorProperties properties) {
        this.prefix = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":" + quote(properties.wabaId())
                + ",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":" + quote(properties.displayPhoneNumber()) + ",\"phone_number_id\":"
                + quote(properties.phoneNumberId()) + "},\"statuses\":[").getBytes(StandardCharsets.UTF_8);
        this.suffix = "]},\"field\":\"messages\"}]}]}".getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes a payload adds around its statuses. */
    int overhead() {
        return prefix.length + suffix.length;
    }

    /** One element of value.statuses[]: pricing on sent/delivered of a priced message, errors on failed. */
    static byte[] status(String wamid, String status, long epochSecond, String recipient, String category,
            StatusError error, String callbackData) {
        StringBuilder s = new StringBuilder(error == null ? 220 : 560);
        s.append("{\"id\":").append(quote(wamid)).append(",\"status\":").append(quote(status))
                .append(",\"timestamp\":\"").append(epochSecond).append("\",\"recipient_id\":")
                .append(quote(recipient));
        if (callbackData != null) {
            s.append(",\"biz_opaque_callback_data\":").append(quote(callbackData));
        }
        if (error == null) {
            if (category != null && !"read".equals(status)) {
                s.append(",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":")
                        .append(quote(category.toLowerCase(Locale.ROOT))).append('}');
            }
        } else {
            s.append(",\"errors\":[{\"code\":").append(error.code()).append(",\"title\":").append(quote(error.title()))
                    .append(",\"message\":").append(quote(error.message())).append(",\"error_data\":{\"details\":")
                    .append(quote(error.details())).append("},\"href\":").append(quote(StatusError.HREF))
                    .append("}]");
        }
        return s.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The payload carrying these statuses, in this order. */
    byte[] payload(List<byte[]> statuses) {
        int size = overhead() + Math.max(0, statuses.size() - 1);
        for (byte[] status : statuses) {
            size += status.length;
        }
        byte[] out = new byte[size];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        for (int i = 0; i < statuses.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] status = statuses.get(i);
            System.arraycopy(status, 0, out, at, status.length);
            at += status.length;
        }
        System.arraycopy(suffix, 0, out, at, suffix.length);
        return out;
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
