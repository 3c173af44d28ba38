package io.consentflow.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Links new records onto a chain head. */
public final class Chains {

    private Chains() {
    }

    /**
     * Entries for the records not yet in the chain, in offset order. A record at or below the head's offset was
     * appended before (a redelivery after a rebalance or restart) and is skipped: offsets only grow within a
     * partition, so this is exact.
     */
    public static List<AuditEntry> extend(ChainHead head, List<SourceRecord> records, Instant recordedAt) {
        Instant millis = Instant.ofEpochMilli(recordedAt.toEpochMilli());
        List<SourceRecord> fresh = records.stream().filter(r -> r.offset() > head.offset())
                .sorted(java.util.Comparator.comparingLong(SourceRecord::offset)).toList();
        List<AuditEntry> entries = new ArrayList<>(fresh.size());
        long sequence = head.count();
        String prev = head.hash();
        long lastOffset = head.offset();
        for (SourceRecord record : fresh) {
            if (!record.chainId().equals(head.chainId())) {
                throw new IllegalArgumentException("record of another chain");
            }
            if (record.offset() == lastOffset) {
                continue; // the same record twice in one batch
            }
            Instant occurred = record.occurredAt() == null ? null : Instant.ofEpochMilli(record.occurredAt().toEpochMilli());
            AuditEntry entry = new AuditEntry(head.chainId(), sequence++, record.topic(), record.partition(),
                    record.offset(), record.eventId(), record.type(), record.subjectId(), occurred, millis,
                    record.payload(), prev, null).withHashes(prev);
            entries.add(entry);
            prev = entry.hash();
            lastOffset = record.offset();
        }
        return entries;
    }
}
