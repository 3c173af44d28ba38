package io.consentflow.proof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * audit-service's CSV export ({@code GET /api/v1/audit/entries.csv}) re-verified offline: every chain of the file
 * re-hashed and linked from its first row on (a chain that starts at sequence 0 must start at the genesis hash),
 * each row's columns equal to what its canonical text says, and every witness head that falls inside the exported
 * range equal to the hash found there.
 */
public final class AuditCsv {

    static final List<String> COLUMNS = List.of("id", "chainId", "sequence", "topic", "partition", "offset", "eventId",
            "type", "subjectId", "occurredAt", "recordedAt", "payload", "prevHash", "hash", "canonical");

    public record Row(String chainId, long sequence, String type, String subjectId, String prevHash, String hash,
            String canonical) {
    }

    private AuditCsv() {
    }

    public static List<Row> parse(String csv) {
        List<List<String>> records = Rfc4180.parse(csv);
        if (records.isEmpty() || !records.get(0).equals(COLUMNS)) {
            throw new Json.ProofFormatException("not an audit CSV export: the header must be " + String.join(",", COLUMNS)
                    + " (exports before the canonical column cannot be re-hashed offline)");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.size() != COLUMNS.size()) {
                throw new Json.ProofFormatException("CSV line " + (i + 1) + " has " + cells.size() + " cells, not "
                        + COLUMNS.size());
            }
            try {
                rows.add(new Row(cells.get(1), Long.parseLong(cells.get(2)), cells.get(7), cells.get(8), cells.get(12),
                        cells.get(13), cells.get(14)));
            } catch (NumberFormatException e) {
                throw new Json.ProofFormatException("CSV line " + (i + 1) + ": sequence is not a number");
            }
        }
        return rows;
    }

    public static List<Check> check(List<Row> rows, List<WitnessedCheckpoint> witness) {
        Map<String, List<Row>> chains = new TreeMap<>();
        rows.forEach(row -> chains.computeIfAbsent(row.chainId(), c -> new ArrayList<>()).add(row));
        List<Check> checks = new ArrayList<>();
        Map<String, Map<Long, String>> hashes = new TreeMap<>();
        for (Map.Entry<String, List<Row>> chain : chains.entrySet()) {
            Check result = chain(chain.getKey(), chain.getValue(), hashes);
            checks.add(result);
        }
        for (WitnessedCheckpoint head : witness) {
            head.heads().forEach((chainId, committed) -> {
                Map<Long, String> exported = hashes.get(chainId);
                if (exported == null || !exported.containsKey(committed.count() - 1)) {
                    return;
                }
                String subject = "checkpoint " + head.number() + " on " + chainId;
                checks.add(exported.get(committed.count() - 1).equals(committed.hash())
                        ? Check.pass(subject, "witness head", "#" + (committed.count() - 1) + " equals the witnessed head")
                        : Check.fail(subject, "witness head", "#" + (committed.count() - 1)
                                + " differs from the head the witness holds: the chain was rewritten"));
            });
        }
        return checks;
    }

    private static Check chain(String chainId, List<Row> rows, Map<String, Map<Long, String>> hashes) {
        String subject = "chain " + chainId;
        List<Row> ordered = rows.stream().sorted(Comparator.comparingLong(Row::sequence)).toList();
        Map<Long, String> seen = new TreeMap<>();
        Row before = null;
        for (Row row : ordered) {
            String at = "#" + row.sequence();
            if (before == null && row.sequence() == 0 && !Sha256.GENESIS.equals(row.prevHash())) {
                return Check.fail(subject, "links", at + " is the first entry but does not start at the genesis hash");
            }
            if (before != null && row.sequence() != before.sequence() + 1) {
                return Check.fail(subject, "links", "#" + (before.sequence() + 1) + " is missing (or duplicated)");
            }
            if (before != null && !Objects.equals(row.prevHash(), before.hash())) {
                return Check.fail(subject, "links", at + " does not link to #" + before.sequence());
            }
            if (!Sha256.isHex64(row.prevHash()) || !Sha256.chained(row.prevHash(), row.canonical()).equals(row.hash())) {
                return Check.fail(subject, "entry hash", at + " does not hash to its recorded hash: the entry was changed");
            }
            Map<String, Object> content;
            try {
                content = Json.MAPPER.readValue(row.canonical(), Map.class);
            } catch (tools.jackson.core.JacksonException e) {
                return Check.fail(subject, "entry hash", at + ": the canonical text is not JSON");
            }
            if (!chainId.equals(content.get("chainId")) || !(content.get("sequence") instanceof Number n)
                    || n.longValue() != row.sequence() || !Objects.equals(row.type(), content.get("type"))
                    || !Objects.equals(emptyToNull(row.subjectId()), content.get("subjectId"))) {
                return Check.fail(subject, "columns", at + ": the columns differ from the hashed canonical text");
            }
            seen.put(row.sequence(), row.hash());
            before = row;
        }
        hashes.put(chainId, seen);
        return Check.pass(subject, "links", ordered.size() + " entries re-hashed and linked, #"
                + ordered.get(0).sequence() + " to #" + before.sequence());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** RFC 4180 with every cell quoted, as audit-service writes it; a defused formula cell loses its quote mark. */
    static final class Rfc4180 {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    record.add(undefuse(cell.toString()));
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (any || cell.length() > 0 || !record.isEmpty()) {
                        record.add(undefuse(cell.toString()));
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                } else {
                    cell.append(c);
                    any = true;
                }
            }
            if (any || cell.length() > 0 || !record.isEmpty()) {
                record.add(undefuse(cell.toString()));
                records.add(record);
            }
            return records;
        }

        private static String undefuse(String value) {
            return value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
                    ? value.substring(1) : value;
        }
    }
}
