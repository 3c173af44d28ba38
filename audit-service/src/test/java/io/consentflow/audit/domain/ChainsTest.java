package io.consentflow.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainsTest {

    private static SourceRecord record(long offset) {
        return new SourceRecord("consent-events", 2, offset, "e" + offset, "OptInConfirmed", "s", null, Map.of());
    }

    @Test
    void redeliveredRecordsAreSkippedAndTheChainContinuesFromItsHead() {
        Instant now = Instant.parse("2026-11-29T06:00:00Z");
        List<AuditEntry> first = Chains.extend(ChainHead.empty("consent-events-2"), List.of(record(0), record(1)), now);
        ChainHead head = ChainHead.of(first.get(1));
        List<AuditEntry> again = Chains.extend(head, List.of(record(1), record(2), record(2), record(5)), now);
        assertThat(again).extracting(AuditEntry::offset).containsExactly(2L, 5L);
        assertThat(again).extracting(AuditEntry::sequence).containsExactly(2L, 3L);
        assertThat(again.get(0).prevHash()).isEqualTo(first.get(1).hash());
        assertThat(Chains.extend(ChainHead.of(again.get(1)), List.of(record(3), record(4)), now)).isEmpty();
    }
}
