package io.consentflow.consent.app;

import io.consentflow.consent.domain.Subject;
import io.consentflow.proof.BundleChecks;
import io.consentflow.proof.Check;
import io.consentflow.proof.CheckpointChecks;
import io.consentflow.proof.Json;
import io.consentflow.proof.ProofBundle;
import io.consentflow.proof.SignedProof;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.WitnessedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Assembles the signed proof bundle of one subject: the evidence decrypted here, the history, and audit-service's chain
 * data fetched with the caller's own token; then runs the same checks the offline verifier runs and signs the result.
 * An audit-service that is down or refuses does not fail the request: the bundle says so in a red check.
 */
@Service
public class ProofAssembler {

    private final PeerServices peers;
    private final ProofSigner signer;
    private final ConsentSettings settings;
    private final Clock clock;
    private volatile X509Certificate pinnedTsa;

    public ProofAssembler(PeerServices peers, ProofSigner signer, ConsentSettings settings) {
        this.peers = peers;
        this.signer = signer;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    public Mono<SignedProof> assemble(Subject subject, String language, String bearer) {
        return Mono.zip(peers.evidenceChain(subject.subjectId(), bearer), peers.auditKeys(bearer))
                .map(answers -> sign(bundle(subject, language, answers.getT1(), answers.getT2())));
    }

    private SignedProof sign(ProofBundle bundle) {
        return SignedProof.sign(bundle, signer.key());
    }

    ProofBundle bundle(Subject subject, String language, PeerData chain, PeerData keys) {
        String subjectId = subject.subjectId();
        var evidence = subject.evidence().stream().map(e -> new ProofBundle.EvidenceItem(e.optInId(),
                String.valueOf(e.at()), e.channel(), e.clientAddress(), e.userAgent(), e.pageUrl(), e.noticeVersion(),
                e.consentText(), e.consentTextHash(), e.inboundMessageId(), e.digestInput(subjectId),
                e.digest(subjectId))).toList();
        var history = subject.history().stream().map(h -> new ProofBundle.HistoryItem(String.valueOf(h.at()),
                h.event(), h.detail())).toList();
        var who = new ProofBundle.Subject(subject.e164(), subjectId, subject.status().name(),
                List.copyOf(subject.purposes()), subject.locale());
        boolean chained = chain.status() == PeerStatus.OK && chain.data() != null;
        JsonNode data = chained ? chain.data() : null;
        ProofBundle unchecked = new ProofBundle(ProofBundle.FORMAT, clock.instant().toString(), language, who,
                evidence, history, chained ? list(data, "entries", ProofBundle.EntryRef[].class) : List.of(),
                chained ? list(data, "segments", ProofBundle.Segment[].class) : List.of(),
                chained ? list(data, "checkpoints", WitnessedCheckpoint[].class) : List.of(),
                chained ? verification(data.path("verification")) : null, List.of());
        List<Check> checks = new ArrayList<>();
        if (!chained) {
            checks.add(Check.fail("audit log", "chain data", "audit-service answered " + chain.status()
                    + ": nothing can be compared with the audit log"));
        } else {
            ProofBundle.AuditVerification verified = unchecked.auditVerification();
            checks.add(verified.valid() ? Check.pass("audit log", "verification", "audit-service verified these "
                    + "chains, the witness, the time-stamps and the heartbeat; latest checkpoint "
                    + verified.latestCheckpoint()) : Check.fail("audit log", "verification", verified.failureKind()
                    + ": " + verified.reason()));
        }
        checks.addAll(BundleChecks.check(unchecked, new CheckpointChecks(trustedKeys(keys), pinnedTsa(), false)));
        return new ProofBundle(unchecked.format(), unchecked.generatedAt(), language, who, evidence, history,
                unchecked.entries(), unchecked.segments(), unchecked.checkpoints(), unchecked.auditVerification(),
                checks);
    }

    private static <T> List<T> list(JsonNode data, String field, Class<T[]> type) {
        return List.of(Json.MAPPER.treeToValue(data.path(field), type));
    }

    private static ProofBundle.AuditVerification verification(JsonNode node) {
        return new ProofBundle.AuditVerification(node.path("valid").asBoolean(false),
                node.path("failure").path("kind").asString(null), node.path("failure").path("reason").asString(null),
                node.path("latestCheckpoint").asLong(0));
    }

    /** The keys audit-service lists (current and previous); none when it did not answer, so signatures fail. */
    private static List<String> trustedKeys(PeerData keys) {
        if (keys.status() != PeerStatus.OK || keys.data() == null) {
            return List.of();
        }
        List<String> trusted = new ArrayList<>();
        keys.data().path("keys").forEach(key -> trusted.add(key.path("publicKey").asString()));
        return trusted;
    }

    private X509Certificate pinnedTsa() {
        String configured = settings.tsaCertificate();
        if (configured == null || configured.isBlank()) {
            return null;
        }
        if (pinnedTsa == null) {
            try {
                pinnedTsa = Timestamps.certificate(configured.strip().startsWith("-----BEGIN") ? configured
                        : Files.readString(Path.of(configured.strip())));
            } catch (IOException e) {
                throw new UncheckedIOException("consentflow.consent.proof.tsa-certificate cannot be read", e);
            }
        }
        return pinnedTsa;
    }
}
