package io.consentflow.consent.adapters.web.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.PeerStubs;
import io.consentflow.consent.PeerStubs.Behaviour;
import io.consentflow.consent.PeerStubs.Peer;
import io.consentflow.consent.config.ProofConfiguration;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.Subject;
import io.consentflow.proof.Check;
import io.consentflow.proof.Ed25519;
import io.consentflow.proof.PdfAttachment;
import io.consentflow.proof.ProofBundle;
import io.consentflow.proof.SignedProof;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.VerifyProof;
import io.consentflow.testsupport.StaffTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/v1/subjects/{e164}/proof on the real service, with audit-service's chain data served over real HTTP by the
 * peer stub (made with real hashes, audit's development key and a real TSA): the decrypted evidence, the checks, the
 * signature; the offline verifier accepts the JSON and the PDF; a changed chained digest turns its check red.
 */
class ProofEndpointTests extends IntegrationTestSupport {

    static final String PROOF_PUBLIC_KEY = Ed25519.signer(ProofConfiguration.DEVELOPMENT_KEY).publicKeyBase64();

    private final PeerStubs peers = PeerStubs.get();

    @TempDir
    Path folder;

    @Test
    void theProofCarriesTheDecryptedEvidenceEveryCheckGreenSignedAndVerifiableOffline() throws Exception {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        Subject subject = subjects.byContactKey(contactKeys.of(number)).block().subject();
        Evidence evidence = subject.evidence().get(0);
        serveChain(subjectId, evidence.optInId(), evidence.digest(subjectId));
        String token = StaffTokens.forRole("DPO");

        byte[] json = get(number, "json", "en", token);
        SignedProof signed = SignedProof.parse(new String(json, StandardCharsets.UTF_8));
        assertThat(signed.signatureValid()).isTrue();
        assertThat(signed.publicKey()).isEqualTo(PROOF_PUBLIC_KEY);
        ProofBundle bundle = signed.content();
        assertThat(bundle.subject().phoneNumber()).isEqualTo(number);
        assertThat(bundle.evidence()).singleElement().satisfies(item -> {
            assertThat(item.consentText()).isEqualTo(evidence.consentText()).isNotBlank();
            assertThat(item.channel()).isEqualTo("WEB_FORM");
            assertThat(item.clientAddress()).isEqualTo(evidence.clientAddress()).isNotBlank();
            assertThat(item.userAgent()).isEqualTo(evidence.userAgent());
            assertThat(item.pageUrl()).isEqualTo(evidence.pageUrl());
            assertThat(item.noticeVersion()).isEqualTo(evidence.noticeVersion()).isNotBlank();
            assertThat(item.at()).isEqualTo(String.valueOf(evidence.at()));
        });
        assertThat(bundle.history()).anySatisfy(h -> assertThat(h.detail()).contains("optInId=" + evidence.optInId(),
                "wamid="));
        assertThat(bundle.checks()).as(lines(bundle.checks())).isNotEmpty().allMatch(Check::ok);
        assertThat(bundle.checks()).extracting(Check::name).contains("evidence digest", "chained digest",
                "chain position", "links", "signature", "timestamp");
        assertThat(peers.calls(subjectId)).filteredOn(c -> c.peer() == Peer.AUDIT_CHAIN)
                .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + token)).isNotEmpty();

        String html = new String(get(number, "html", "de", token), StandardCharsets.UTF_8);
        assertThat(html).contains("Nachweis der Einwilligung", "Einwilligungstext", evidence.optInId(), number,
                evidence.clientAddress(), "Bestätigende Nachricht (wamid)",
                "data-check=\"ok\"").doesNotContain("data-check=\"failed\"");

        byte[] pdf = get(number, "pdf", "en", token);
        // kept for reading: target/proof-sample.pdf is what a DPO prints
        Files.write(Path.of("target", "proof-sample.pdf"), pdf);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        SignedProof embedded = SignedProof.parse(new String(PdfAttachment.extract(pdf, SignedProof.PDF_ATTACHMENT),
                StandardCharsets.UTF_8));
        assertThat(embedded.signatureValid()).isTrue();
        assertThat(embedded.content().subject().subjectId()).isEqualTo(subjectId);

        assertThat(verifyOffline("proof.json", json)).isZero();
        assertThat(verifyOffline("proof.pdf", pdf)).isZero();
        byte[] forged = new String(json, StandardCharsets.UTF_8).replace(evidence.optInId(), "forged-opt-in")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifyOffline("forged.json", forged)).as("a changed bundle no longer matches its signature")
                .isEqualTo(1);
    }

    @Test
    void aChainedEvidenceDigestThatDiffersFromTheEvidenceTurnsItsCheckRed() throws Exception {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        Evidence evidence = subjects.byContactKey(contactKeys.of(number)).block().subject().evidence().get(0);
        serveChain(subjectId, evidence.optInId(), "0f".repeat(32));

        byte[] json = get(number, "json", "de", StaffTokens.forRole("ADMIN"));
        ProofBundle bundle = SignedProof.parse(new String(json, StandardCharsets.UTF_8)).content();
        assertThat(bundle.checks()).filteredOn(c -> !c.ok()).singleElement().satisfies(check -> {
            assertThat(check.subject()).isEqualTo("evidence " + evidence.optInId());
            assertThat(check.name()).isEqualTo("chained digest");
        });
        String html = new String(get(number, "html", "en", StaffTokens.forRole("DPO")), StandardCharsets.UTF_8);
        assertThat(html).contains("data-check=\"failed\"", "chained a different digest");
        assertThat(verifyOffline("proof.json", json)).isEqualTo(1);
    }

    @Test
    void anAuditServiceThatIsDownGivesAProofWithARedCheckRolesAndInputAreEnforced() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        peers.behave(subjectId, Peer.AUDIT_CHAIN, Behaviour.DOWN);
        byte[] json = get(number, "json", "en", StaffTokens.forRole("DPO"));
        ProofBundle bundle = SignedProof.parse(new String(json, StandardCharsets.UTF_8)).content();
        assertThat(bundle.checks()).anySatisfy(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.name()).isEqualTo("chain data");
        });

        for (String role : List.of("SUPPORT", "MARKETING")) {
            web.get().uri("/api/v1/subjects/{e164}/proof", number).headers(h -> h.setBearerAuth(
                    StaffTokens.forRole(role))).exchange().expectStatus().isForbidden();
        }
        web.get().uri("/api/v1/subjects/{e164}/proof?format=docx", number)
                .header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
        web.get().uri("/api/v1/subjects/{e164}/proof?lang=fr", number)
                .header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lang");
        web.get().uri("/api/v1/subjects/{e164}/proof", randomNumber())
                .header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isNotFound();
    }

    private void serveChain(String subjectId, String optInId, String chainedDigest) {
        peers.auditKeys(AuditChainFixture.keysJson());
        peers.evidenceChain(subjectId, AuditChainFixture.evidenceChain(subjectId, List.of(
                new AuditChainFixture.Event("OptInRequested", Map.of("optInId", optInId,
                        "evidenceDigest", chainedDigest, "purposes", List.of("offers"))),
                new AuditChainFixture.Event("OptInConfirmed", Map.of("optInId", optInId,
                        "evidenceDigest", chainedDigest, "method", "QUICK_REPLY")),
                new AuditChainFixture.Event("StopReceived", Map.of("trigger", "KEYWORD", "scope", "ALL",
                        "purposesWithdrawn", List.of("offers"))))));
    }

    private byte[] get(String number, String format, String lang, String token) {
        return web.get().uri("/api/v1/subjects/{e164}/proof?format={f}&lang={l}", number, format, lang)
                .header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    private int verifyOffline(String name, byte[] content) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, content);
        Path tsa = folder.resolve("tsa.pem");
        Files.writeString(tsa, Timestamps.pem(AuditChainFixture.TSA.certificate()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyProof.run(new String[] {file.toString(), "--audit-key",
                AuditChainFixture.AUDIT_KEY.publicKeyBase64(), "--proof-key", PROOF_PUBLIC_KEY, "--tsa-cert",
                tsa.toString(), "--require-timestamps"}, new PrintStream(out), new PrintStream(out));
        System.out.println(out.toString(StandardCharsets.UTF_8));
        return status;
    }

    private static String lines(List<Check> checks) {
        return String.join("\n", checks.stream().map(Check::line).toList());
    }
}
