package io.consentflow.proof;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the verifier; a text that does not parse is a {@link ProofFormatException}. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode parse(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ProofFormatException(what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new ProofFormatException(what + " is not valid JSON");
        }
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** A field that must be a string. */
    public static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new ProofFormatException(what + ": field '" + field + "' is missing or not a string");
        }
        return value.stringValue();
    }

    /** Input that is not what a proof bundle, witness head or CSV export looks like. */
    public static final class ProofFormatException extends RuntimeException {
        public ProofFormatException(String message) {
            super(message);
        }
    }
}
