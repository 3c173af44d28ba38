package io.consentflow.audit.domain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one deterministic encoding that hashes and signatures are computed over: JSON with object keys in sorted
 * (UTF-16 code unit) order, no whitespace, integers only, strings escaped one way. Written by hand so that no
 * library upgrade can silently change the bytes of past entries. Floating-point numbers are refused: their textual
 * form is not stable across languages, and no audited event carries one.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Comparator<Map.Entry<?, ?>> BY_KEY = Comparator.comparing(e -> (String) e.getKey());

    private CanonicalJson() {
    }

    public static String encode(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not canonically encodable: " + value.getClass().getSimpleName());
        }
    }

    /** Keys sorted by UTF-16 code units ({@link String#compareTo}), as a TreeMap would, without building one. */
    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry[0]);
        for (Map.Entry<?, ?> entry : entries) {
            if (!(entry.getKey() instanceof String)) {
                throw new IllegalArgumentException("object keys must be strings");
            }
        }
        Arrays.sort(entries, BY_KEY);
        out.append('{');
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(out, (String) entries[i].getKey());
            out.append(':');
            write(out, entries[i].getValue());
        }
        out.append('}');
    }

    /**
     * Runs of characters that need no escaping (nearly every string: ids, digests, names) are appended as one copy;
     * only the characters below 0x20, the quote and the backslash are escaped, each exactly as before.
     */
    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, run, s.length()).append('"');
    }
}
