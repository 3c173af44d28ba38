package io.consentflow.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier as a user runs it (arguments, files, exit status), on genuine and tampered inputs. */
class VerifyProofTest {

    @TempDir
    Path dir;

    private String output;

    @Test
    void aGenuineSignedBundleVerifiesAsJsonAndInsideItsPdf() throws Exception {
        ProofBundle bundle = Fixtures.bundle(null, true);
        Path witness = witness(bundle.checkpoints());
        String json = SignedProof.sign(bundle, Fixtures.PROOF).toJson();
        assertThat(run(write("proof.json", json), "--witness", witness.toString())).as(output).isZero();
        assertThat(output).contains("[ OK ] evidence opt-1: chained digest", "timestamp", "VERIFIED");

        assertThat(run(pdf("proof.pdf", json), "--witness", witness.toString())).as(output).isZero();
    }

    @Test
    void everyKindOfTamperingTurnsTheVerdictRed() throws Exception {
        ProofBundle genuine = Fixtures.bundle(null, true);
        Path witness = witness(genuine.checkpoints());
        String json = SignedProof.sign(genuine, Fixtures.PROOF).toJson();

        // the bundle text changed after signing
        assertThat(run(write("a.json", json.replace("203.0.113.7", "203.0.113.8")), "--witness", witness.toString()))
                .isEqualTo(1);
        assertThat(output).contains("[FAIL] bundle: signature");
        // signed by another key than the trusted one
        assertThat(run(write("b.json", SignedProof.sign(genuine, Fixtures.AUDIT).toJson()))).isEqualTo(1);
        // the audit log chained another evidence digest (re-signed, so only the digest check can see it)
        String other = SignedProof.sign(Fixtures.bundle("ab".repeat(32), true), Fixtures.PROOF).toJson();
        assertThat(run(write("c.json", other))).isEqualTo(1);
        assertThat(output).contains("[FAIL] evidence opt-1: chained digest");
        // the witness never received the bundle's checkpoint (it was made up afterwards)
        Path empty = Files.createDirectories(dir.resolve("empty-witness"));
        assertThat(run(write("d.json", json), "--witness", empty.toString())).isEqualTo(1);
        assertThat(output).contains("the witness never received this checkpoint");
        // time-stamps required, but the checkpoint has none
        String unstamped = SignedProof.sign(Fixtures.bundle(null, false), Fixtures.PROOF).toJson();
        assertThat(run(write("e.json", unstamped))).isEqualTo(1);
        assertThat(output).contains("no RFC 3161 time-stamp");
    }

    @Test
    void theCsvExportIsReHashedAndComparedWithTheWitness() throws Exception {
        List<ProofBundle.Row> rows = Fixtures.chain("consent-events-0", 6, "cd".repeat(32));
        WitnessedCheckpoint head = Fixtures.checkpoint(1, Sha256.GENESIS,
                Map.of("consent-events-0", new WitnessedCheckpoint.Head(6, rows.get(5).hash())), true);
        Path witness = witness(List.of(head));
        assertThat(run(write("export.csv", Fixtures.csv(rows)), "--witness", witness.toString())).as(output).isZero();
        assertThat(output).contains("6 entries re-hashed and linked", "equals the witnessed head");

        List<ProofBundle.Row> changed = new ArrayList<>(rows);
        ProofBundle.Row third = rows.get(2);
        changed.set(2, new ProofBundle.Row(2, third.prevHash(), third.hash(), third.canonical().replace("\"n\":2",
                "\"n\":3")));
        assertThat(run(write("changed.csv", Fixtures.csv(changed)), "--witness", witness.toString())).isEqualTo(1);
        assertThat(output).contains("#2 does not hash to its recorded hash");

        List<ProofBundle.Row> truncated = rows.subList(0, 4);
        assertThat(run(write("gap.csv", Fixtures.csv(List.of(rows.get(0), rows.get(2)))), "--witness",
                witness.toString())).isEqualTo(1);
        assertThat(output).contains("#1 is missing");

        // a rewritten chain (re-hashed consistently) no longer ends where the witness says
        List<ProofBundle.Row> rewritten = Fixtures.chain("consent-events-0", 6, "ef".repeat(32));
        assertThat(run(write("rewritten.csv", Fixtures.csv(rewritten)), "--witness", witness.toString()))
                .isEqualTo(1);
        assertThat(output).contains("differs from the head the witness holds");
        assertThat(run(write("short.csv", Fixtures.csv(truncated)))).as("no witness: nothing anchors it").isEqualTo(1);
    }

    @Test
    void unusableInputAndOptionsExitWithTwo() throws Exception {
        assertThat(run(write("x.csv", "a,b\r\n1,2\r\n"))).isEqualTo(2);
        assertThat(output).contains("not an audit CSV export");
        assertThat(run(write("x.json", "{\"format\":\"something else\"}"))).isEqualTo(2);
        String hollow = SignedProof.sign(new ProofBundle(ProofBundle.FORMAT, null, "de", new ProofBundle.Subject(null,
                Fixtures.SUBJECT, null, null, null), null, null, null, null, null, null, null), Fixtures.PROOF).toJson();
        assertThat(run(write("hollow.json", hollow))).isEqualTo(2);
        assertThat(output).contains("lacks a part");
        assertThat(run(pdf("plain.pdf", null))).isEqualTo(2);
        assertThat(output).contains("carries no embedded proof.json");
        assertThat(VerifyProof.run(new String[] {"missing.json", "--audit-key", Fixtures.AUDIT.publicKeyBase64()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        assertThat(VerifyProof.run(new String[] {write("y.json", "{}").toString(), "--audit-key", "not-a-key"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }

    @Test
    void aTokenVerifiesOnlyOverItsDigestAndWithItsOwnTsa() {
        String digest = Sha256.hex("checkpoint");
        String token = Fixtures.stamp(digest);
        assertThat(Timestamps.verify(token, Sha256.parseHex(digest), Fixtures.TSA.certificate())).isNotNull();
        assertThatThrownBy(() -> Timestamps.verify(token, Sha256.parseHex(Sha256.hex("other")), null))
                .hasMessageContaining("different digest");
        try (var other = io.consentflow.proof.tsa.LocalTimestampAuthority.start("127.0.0.1", 0, null)) {
            assertThatThrownBy(() -> Timestamps.verify(token, Sha256.parseHex(digest), other.certificate()))
                    .hasMessageContaining("pinned");
        }
    }

    private int run(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of(file.toString(), "--audit-key", Fixtures.AUDIT.publicKeyBase64(),
                "--proof-key", Fixtures.PROOF.publicKeyBase64(), "--tsa-cert", tsaCertificate().toString(),
                "--require-timestamps"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyProof.run(args.toArray(String[]::new), new PrintStream(out), new PrintStream(out));
        output = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private Path tsaCertificate() {
        try {
            return Files.writeString(dir.resolve("tsa.pem"), Timestamps.pem(Fixtures.TSA.certificate()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path witness(List<WitnessedCheckpoint> heads) {
        Path folder = dir.resolve("witness-" + System.nanoTime());
        WitnessFolder witness = new WitnessFolder(folder);
        heads.forEach(witness::deliver);
        return folder;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path pdf(String name, String attachment) throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            if (attachment != null) {
                PdfAttachment.attach(document, SignedProof.PDF_ATTACHMENT, attachment.getBytes(StandardCharsets.UTF_8),
                        "application/json");
            }
            Path file = dir.resolve(name);
            document.save(file.toFile());
            return file;
        }
    }
}
