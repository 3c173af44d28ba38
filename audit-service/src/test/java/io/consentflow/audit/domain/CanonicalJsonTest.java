package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysAndIgnoresInsertionOrderAndIntegerWidth() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 1);
        a.put("a", List.of("x", Map.of("z", true, "y", 2L)));
        a.put("c", null);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("c", null);
        b.put("a", List.of("x", Map.of("y", 2, "z", true)));
        b.put("b", 1L);
        assertThat(CanonicalJson.encode(a)).isEqualTo(CanonicalJson.encode(b))
                .isEqualTo("{\"a\":[\"x\",{\"y\":2,\"z\":true}],\"b\":1,\"c\":null}");
    }

    @Test
    void escapesStringsOneWay() {
        assertThat(CanonicalJson.encode("a\"b\\c\nd\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
    }

    /** Past entries were hashed over these exact bytes: every control character as a lower-case {@code \\u00xx}. */
    @Test
    void escapesEveryControlCharacterAsThePastEntriesWereHashed() {
        StringBuilder text = new StringBuilder("x");
        StringBuilder expected = new StringBuilder("\"x");
        for (char c = 0; c < 0x20; c++) {
            text.append(c).append("ab");
            expected.append(switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04x", (int) c);
            }).append("ab");
        }
        text.append("\"\\\u007f\u00e9\ud83d\ude00");
        expected.append("\\\"\\\\\u007f\u00e9\ud83d\ude00\"");
        assertThat(CanonicalJson.encode(text.toString())).isEqualTo(expected.toString());
    }

    @Test
    void sortsKeysByUtf16CodeUnits() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : List.of("\uff46", "\ud83d\ude00", "\u00e9", "a", "Z", "ab", "")) {
            fields.put(key, 1);
        }
        assertThat(CanonicalJson.encode(fields)).isEqualTo(
                "{\"\":1,\"Z\":1,\"a\":1,\"ab\":1,\"\u00e9\":1,\"\ud83d\ude00\":1,\"\uff46\":1}");
    }

    @Test
    void refusesFloatingPointAndUnknownTypes() {
        assertThatThrownBy(() -> CanonicalJson.encode(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEntryHashChainsOverThePreviousHash() {
        RandomLogs.Log log = RandomLogs.generate(3);
        AuditEntry first = log.entries().get(0);
        assertThat(first.prevHash()).isEqualTo(Sha256.GENESIS);
        assertThat(first.hash()).isEqualTo(Sha256.chained(Sha256.GENESIS, first.canonical()));
        assertThat(first.withHashes("1".repeat(64)).hash()).isNotEqualTo(first.hash());
    }
}
