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
