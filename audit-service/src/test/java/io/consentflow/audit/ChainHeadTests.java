package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.audit.app.AuditLog;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import io.consentflow.audit.domain.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The head found by exact-position probes is the chain's last stored entry, whatever count the caller knew. */
class ChainHeadTests extends AuditIntegrationTest {

    @Autowired
    AuditLog auditLog;
    @Autowired
    EntryStore store;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 8, 13, 64, 100})
    void theHeadIsTheLastStoredEntryFromAnyKnownCount(int length) {
        String topic = "heads-" + UUID.randomUUID().toString().substring(0, 8);
        List<SourceRecord> records = IntStream.range(0, length).mapToObj(i -> new SourceRecord(topic, 0, i,
                UUID.randomUUID().toString(), "OptInExpired", UUID.randomUUID().toString(), Instant.now(),
                Map.of("n", (long) i))).toList();
        List<AuditEntry> written = length == 0 ? List.of() : auditLog.append(records).block(java.time.Duration.ofSeconds(60));
        String chainId = length == 0 ? topic + "-0" : written.get(0).chainId();
        ChainHead expected = length == 0 ? ChainHead.empty(chainId) : ChainHead.of(written.get(length - 1));

        // what a previous checkpoint may have said: nothing, part of the chain, all of it, or more than is stored
        for (long known : List.of(0L, length / 2L, (long) length, length + 5L)) {
            assertThat(store.head(chainId, known).block(Duration.ofSeconds(30))).as("known count %d", known)
                    .isEqualTo(expected);
        }
        assertThat(store.head(chainId).block(Duration.ofSeconds(30))).isEqualTo(expected);
    }
}
