package io.consentflow.audit.adapters.web;

import io.consentflow.audit.app.CheckpointStore;
import io.consentflow.audit.app.EntryQuery;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.app.VerificationService;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.VerificationKeys;
import io.consentflow.audit.domain.VerificationResult;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The compliance log's read side: entries, verification and checkpoints. There is no write endpoint. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final EntryStore entries;
    private final CheckpointStore checkpoints;
    private final VerificationService verification;
    private final VerificationKeys keys;

    AuditController(EntryStore entries, CheckpointStore checkpoints, VerificationService verification,
            VerificationKeys keys) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.verification = verification;
        this.keys = keys;
    }

    record EntryView(String id, String chainId, long sequence, String topic, int partition, long offset,
            String eventId, String type, String subjectId, Instant occurredAt, Instant recordedAt,
            Map<String, Object> payload, String prevHash, String hash) {
        static EntryView of(AuditEntry e) {
            return new EntryView(e.id(), e.chainId(), e.sequence(), e.topic(), e.partition(), e.offset(),
                    e.eventId(), e.type(), e.subjectId(), e.occurredAt(), e.recordedAt(), e.payload(), e.prevHash(),
                    e.hash());
        }
    }

    record EntryPage(int page, int size, long total, List<EntryView> entries) {
    }

    /** The current key at the top level (as before key rotation existed), every trusted key in {@code keys}. */
    record PublicKeyView(String algorithm, String keyId, String format, String publicKey, String pem,
            List<KeyView> keys) {
    }

    record KeyView(String keyId, String status, String publicKey, String pem) {
        static KeyView of(VerificationKeys.Key key) {
            String base64 = Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
            return new KeyView(key.keyId(), key.current() ? "current" : "previous", base64,
                    "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
        }
    }

    @GetMapping("/entries")
    Mono<EntryPage> entries(@RequestParam(required = false) String subjectId,
            @RequestParam(required = false) String type, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Instant fromInstant = Params.instant("from", from);
        Instant toInstant = Params.instant("to", to);
        Params.ordered(fromInstant, toInstant);
        EntryQuery query = new EntryQuery(Params.subjectId(subjectId, false), Params.type(type), fromInstant,
                toInstant, Params.range("page", page, 0, 1_000_000), Params.range("size", size, 1, 500));
        return Mono.zip(entries.count(query), entries.find(query).map(EntryView::of).collectList())
                .map(t -> new EntryPage(query.page(), query.size(), t.getT1(), t.getT2()));
    }

    @GetMapping("/verify")
    Mono<VerificationResult> verify() {
        return verification.verifyAll();
    }

    @GetMapping("/checkpoints")
    Mono<List<Checkpoint>> checkpoints(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return checkpoints.newestFirst(Params.range("page", page, 0, 1_000_000), Params.range("size", size, 1, 200))
                .collectList();
    }

    @GetMapping("/checkpoints/key")
    PublicKeyView key() {
        List<KeyView> all = keys.all().stream().map(KeyView::of).toList();
        KeyView current = all.get(0);
        return new PublicKeyView("Ed25519", current.keyId(), "X.509 SubjectPublicKeyInfo, base64",
                current.publicKey(), current.pem(), all);
    }
}
