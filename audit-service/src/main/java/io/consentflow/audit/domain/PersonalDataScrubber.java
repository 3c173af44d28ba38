package io.consentflow.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes personal data from an event before it is chained. Phone numbers, message texts, button payloads and titles,
 * template parameters and contact keys become salted digests (HMAC-SHA256 with the configured salt), so an entry can
 * still be matched against a known value by whoever holds the salt, but reveals nothing by itself. Any other string
 * that contains something that looks like a phone number has that part replaced too. Identifier and hash fields are
 * kept verbatim: they are random ids or digests already.
 * <p>
 * An event about one contact (a send request, an inbound message, a preference) is digested under that contact's
 * own random salt instead ({@link #scrubForContact}, prefix {@value #CONTACT_DIGEST_PREFIX}): when the subject is
 * erased the salt is shredded, and from then on nobody, not even a holder of the audit salt, can match those
 * entries against the number; the entries themselves, and so the chains, never change.
 */
public final class PersonalDataScrubber {

    public static final String DIGEST_PREFIX = "sd:";
    /** A digest under a contact's own salt: unlinkable once the salt is shredded. */
    public static final String CONTACT_DIGEST_PREFIX = "sc:";
    private static final HexFormat HEX = HexFormat.of();

    /** Fields holding personal data wherever they appear. */
    private static final Set<String> PERSONAL = Set.of("to", "from", "text", "buttonPayload", "buttonTitle",
            "contactKey", "title", "payload", "detail", "errorTitle");
    /** Event types whose other fields are reduced to metadata (they carry raw numbers and texts). */
    private static final Map<String, Set<String>> METADATA_ONLY = Map.of(
            "SendRequest", Set.of("eventId", "occurredAt", "producer", "requestId", "category", "purpose",
                    "campaignId", "subjectId", "notAfter", "to", "text", "template"),
            "InboundMessage", Set.of("eventId", "occurredAt", "producer", "wamid", "from", "contactKey", "type",
                    "text", "buttonPayload", "buttonTitle", "receivedAt", "phoneNumberId", "intent", "language",
                    "recogniserVersion"));
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])\\+?[1-9]\\d{7,14}(?!\\w)|\\+\\d[\\d \\-()./]{6,20}\\d");

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final byte[] salt;
    private final ThreadLocal<Mac> mac;

    public PersonalDataScrubber(String salt) {
        if (salt == null || salt.isBlank()) {
            throw new IllegalArgumentException("the audit digest salt is not configured");
        }
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    public String digest(String value) {
        return digest(value.getBytes(StandardCharsets.UTF_8));
    }

    public String digest(byte[] value) {
        return DIGEST_PREFIX + HEX.formatHex(mac.get().doFinal(value));
    }

    /**
     * Where a contact's salt is stored: a keyed digest of the number's digits (so {@code +4915…} and WhatsApp's
     * {@code 4915…} are one contact), domain-separated from every digest that goes into an entry.
     */
    public String saltLookup(String number) {
        return HEX.formatHex(mac.get().doFinal(("contact-salt|" + digits(number)).getBytes(StandardCharsets.UTF_8)));
    }

    /** The number's digits, exactly what {@code replaceAll("\\D", "")} keeps (ASCII 0-9), without a regex per call. */
    private static String digits(String number) {
        StringBuilder out = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The event's fields with personal data replaced; {@code type} selects a metadata-only view where one applies. */
    public Map<String, Object> scrub(String type, Map<String, Object> fields) {
        return scrub(type, fields, this::digest);
    }

    /** As {@link #scrub(String, Map)}, every digest under the contact's own salt (32 random bytes). */
    public Map<String, Object> scrubForContact(String type, Map<String, Object> fields, byte[] contactSalt) {
        Mac contactMac = newMac(contactSalt);
        return scrub(type, fields, value -> CONTACT_DIGEST_PREFIX
                + HEX.formatHex(contactMac.doFinal(value.getBytes(StandardCharsets.UTF_8))));
    }

    private Map<String, Object> scrub(String type, Map<String, Object> fields, UnaryOperator<String> digester) {
        Set<String> allowed = METADATA_ONLY.get(type);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            if (allowed != null && !allowed.contains(name)) {
                continue;
            }
            if ("template".equals(name) && field.getValue() instanceof Map<?, ?> template) {
                out.put(name, templateMetadata(template, digester));
            } else {
                out.put(name, scrubValue(name, field.getValue(), digester));
            }
        }
        return out;
    }

    /** Template name and language say which message went out; its parameters may hold names or codes: digested. */
    private Map<String, Object> templateMetadata(Map<?, ?> template, UnaryOperator<String> digester) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", scrubValue("name", template.get("name"), digester));
        out.put("language", scrubValue("language", template.get("language"), digester));
        out.put("componentsDigest", template.get("components") == null ? null
                : digester.apply(CanonicalJson.encode(normalise(template.get("components")))));
        return out;
    }

    private Object scrubValue(String name, Object value, UnaryOperator<String> digester) {
        if (value == null) {
            return null;
        }
        if (PERSONAL.contains(name) && !(value instanceof Map) && !(value instanceof List)) {
            return digester.apply(String.valueOf(value));
        }
        if (value instanceof String s) {
            return isVerbatim(name, s) ? s : scrubText(s, digester);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), scrubValue(String.valueOf(k), v, digester)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(scrubValue(name, item, digester)));
            return out;
        }
        return value;
    }

    /** Replaces every phone-number-looking part of a free string with its digest. */
    public String scrubText(String text) {
        return scrubText(text, this::digest);
    }

    private static String scrubText(String text, UnaryOperator<String> digester) {
        Matcher matcher = PHONE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(digester.apply(matcher.group())));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Digests, WhatsApp message ids and UUIDs: never personal, and digit runs inside them are not phone numbers. Other
     * ids (a campaign system's requestId, say) are scanned like any text.
     */
    private static boolean isVerbatim(String name, String value) {
        return name.endsWith("Hash") || name.endsWith("Digest") || name.equals("wamid")
                || (name.endsWith("Id") && UUID.matcher(value).matches());
    }

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PersonalDataScrubber::normalise).toList();
        }
        return value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
                ? value : String.valueOf(value);
    }

    private Mac newMac() {
        return newMac(salt);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac instance = Mac.getInstance("HmacSHA256");
            instance.init(new SecretKeySpec(key, "HmacSHA256"));
            return instance;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
