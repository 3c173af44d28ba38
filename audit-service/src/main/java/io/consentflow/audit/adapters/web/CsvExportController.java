package io.consentflow.audit.adapters.web;

import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.CanonicalJson;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * CSV export of a time range (RFC 4180), streamed; every column needed to re-verify the chains offline. The last
 * column is the exact canonical text that was hashed, so the offline verifier (proof-verifier) re-hashes it without
 * re-encoding anything and only compares the other columns with it.
 */
@RestController
class CsvExportController {

    static final String HEADER = "id,chainId,sequence,topic,partition,offset,eventId,type,subjectId,occurredAt,"
            + "recordedAt,payload,prevHash,hash,canonical\r\n";

    private final EntryStore entries;

    CsvExportController(EntryStore entries) {
        this.entries = entries;
    }

    @GetMapping(value = "/api/v1/audit/entries.csv", produces = "text/csv")
    ResponseEntity<Flux<String>> export(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Instant fromInstant = Params.requiredInstant("from", from);
        Instant toInstant = Params.requiredInstant("to", to);
        Params.ordered(fromInstant, toInstant);
        Flux<String> body = Flux.concat(Flux.just(HEADER), entries.range(fromInstant, toInstant).map(this::row));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-entries.csv\"")
                .body(body);
    }

    String row(AuditEntry e) {
        return Stream.of(e.id(), e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(), e.eventId(),
                        e.type(), e.subjectId(), e.occurredAt(), e.recordedAt(),
                        e.payload() == null ? null : CanonicalJson.encode(e.payload()), e.prevHash(), e.hash(),
                        e.canonical())
                .map(value -> cell(value == null ? "" : Objects.toString(value)))
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    /** Quotes every cell; a leading formula character is defused so a spreadsheet never evaluates a cell. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
