package io.consentflow.schemas;

import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateParameter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a SendRequest (docs/architecture.md#who-may-send-without-consent): {@code v1:<signer>:<mac>}, the
 * mac being base64url (no padding) of HMAC-SHA256 with the signer's key over {@link #canonical}. One class in the
 * contract module, so that consent-service, the gateway and customer-service producers cannot disagree on the bytes.
 *
 * <p>The mac covers everything that decides who gets what: requestId (a replay is the same request, sent at most
 * once), to (the signed message cannot be redirected), category, purpose, template, text, buttons, campaignId,
 * subjectId and notAfter (a copy cannot be used after the signer's deadline). It leaves out eventId, occurredAt and
 * producer: they decide nothing at the gate. The signer's name is inside the mac, so a key cannot be passed off as
 * another signer's.
 */
public final class SendRequestSignatures {

    static final String VERSION = "v1";
    /** Signer names: what a Kafka client id or a Strimzi user may be called. */
    private static final Pattern SIGNER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /**
     * One HMAC-SHA256 instance per thread, keyed anew for every signature ({@code init} resets it): looking it up
     * among the providers per signature was a tenth of consent-service's outbox relay, and every gateway check pays
     * it too.
     */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private SendRequestSignatures() {
    }

    /** The request's signature by {@code signer} with {@code key}; the request itself is not changed. */
    public static String sign(SendRequest request, String signer, byte[] key) {
        if (!SIGNER.matcher(signer).matches()) {
            throw new IllegalArgumentException("signer: lower-case letters, digits, '.', '_' or '-', at most 63");
        }
        return VERSION + ":" + signer + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac(key, canonical(request, signer)));
    }

    /** The signer named by a well-formed signature, null for none or a malformed one. Says nothing of validity. */
    public static String signerOf(String signature) {
        if (signature == null) {
            return null;
        }
        String[] parts = signature.split(":", -1);
        return parts.length == 3 && VERSION.equals(parts[0]) && SIGNER.matcher(parts[1]).matches() ? parts[1] : null;
    }

    /** Whether the request carries a valid signature by {@code signer} with {@code key} (constant-time compare). */
    public static boolean verify(SendRequest request, String signer, byte[] key) {
        String signature = request.getSignature();
        if (signature == null || !signer.equals(signerOf(signature))) {
            return false;
        }
        byte[] expected = sign(request, signer, key).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The signed bytes: every field as presence flag plus length-prefixed UTF-8 (no separator can be smuggled into
     * a value to shift the boundaries), in schema order.
     */
    static byte[] canonical(SendRequest request, String signer) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            string(out, "consentflow-send-request-" + VERSION);
            string(out, signer);
            string(out, request.getRequestId());
            string(out, request.getTo());
            string(out, request.getCategory() == null ? null : request.getCategory().name());
            string(out, request.getPurpose());
            var template = request.getTemplate();
            out.writeBoolean(template != null);
            if (template != null) {
                string(out, template.getName());
                string(out, template.getLanguage());
                out.writeInt(template.getComponents().size());
                for (TemplateComponent component : template.getComponents()) {
                    string(out, component.getType());
                    string(out, component.getSubType());
                    out.writeInt(component.getIndex() == null ? -1 : component.getIndex());
                    out.writeInt(component.getParameters().size());
                    for (TemplateParameter parameter : component.getParameters()) {
                        string(out, parameter.getType());
                        string(out, parameter.getValue());
                    }
                }
            }
            string(out, request.getText());
            out.writeInt(request.getButtons().size());
            for (ReplyButton button : request.getButtons()) {
                string(out, button.getPayload());
                string(out, button.getTitle());
            }
            string(out, request.getCampaignId());
            string(out, request.getSubjectId());
            Instant notAfter = request.getNotAfter();
            out.writeLong(notAfter == null ? Long.MIN_VALUE : notAfter.toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
