package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.consentflow.proof.Check;
import io.consentflow.proof.ProofBundle;
import io.consentflow.proof.SignedProof;
import io.consentflow.proof.VerifyProof;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Journey 8, the acceptance of issue 25 without the console: a DPO downloads the proof PDF of a number, every check is
 * green and the offline verifier accepts it with the witness folder and the TSA certificate; once one evidence
 * digest stored in the audit log is changed, the proof's check turns red and the verifier refuses the new proof.
 */
class ProofJourneyIT extends JourneySupport {

    static final String AUDIT_KEY = "MCowBQYDK2VwAyEASYJWdL7Aqyb0hB0m8Uag1jaJ3yN0MMEDvO0rm0ybMoQ=";
    static final String PROOF_KEY = "MCowBQYDK2VwAyEAi9UCaqJoPcCAaWWDbBDEezeX8Okn4nf7ANOVYhZBhUw=";

    @Test
    void theProofPdfIsGreenAndVerifiesOfflineAndAChangedStoredDigestTurnsItRed() throws Exception {
        Phone phone = Phone.create(suite);
        String subjectId = optInAndConfirm(phone, List.of("offers"));
        String dpo = staffToken("DPO");

        // audit-service appends asynchronously: wait until the proof holds the confirmation and every check is green
        AtomicReference<ProofBundle> bundle = new AtomicReference<>();
        messageEvents.awaitCondition(() -> {
            bundle.set(SignedProof.parse(new String(download(phone, "json", dpo), StandardCharsets.UTF_8)).content());
            return bundle.get().entries().stream().anyMatch(e -> e.type().equals("OptInConfirmed"))
                    && bundle.get().checks().stream().allMatch(Check::ok);
        }, PATIENCE, () -> "the proof never turned all green: " + lines(bundle.get()));
        assertThat(bundle.get().evidence()).singleElement()
                .satisfies(item -> assertThat(item.consentText()).startsWith("Ja, ich möchte Angebote"));

        Path pdf = Files.write(Files.createTempFile("proof-", ".pdf"), download(phone, "pdf", dpo));
        assertThat(verify(pdf)).as(output).isZero();
        assertThat(output).contains("[ OK ] evidence", "chained digest", "witness", "pinned TSA", "VERIFIED");

        try (var mongo = MongoClients.create(suite.infrastructure.mongoUri())) {
            var entries = mongo.getDatabase("audit").getCollection("audit_entries");
            Document requested = entries.find(Filters.and(Filters.eq("subjectId", subjectId),
                    Filters.eq("type", "OptInRequested"))).first();
            try {
                entries.updateOne(Filters.eq("_id", requested.getString("_id")),
                        Updates.set("payload.evidenceDigest", "0f".repeat(32)));
                byte[] tampered = download(phone, "pdf", dpo);
                Path red = Files.write(Files.createTempFile("proof-red-", ".pdf"), tampered);
                assertThat(verify(red)).as(output).isEqualTo(1);
                assertThat(output).contains("[FAIL] evidence", "chained a different digest");
                ProofBundle redBundle = SignedProof.parse(new String(download(phone, "json", dpo),
                        StandardCharsets.UTF_8)).content();
                assertThat(redBundle.auditVerification().valid()).isFalse();
                assertThat(redBundle.auditVerification().failureKind()).isEqualTo("CHANGED_ENTRY");
            } finally {
                entries.replaceOne(Filters.eq("_id", requested.getString("_id")), requested);
            }
        }
        assertThat(Http.get(suite.audit.baseUrl() + "/api/v1/audit/verify", dpo).json().path("valid").asBoolean())
                .as("restored").isTrue();
    }

    private String output = "";

    private int verify(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyProof.run(new String[] {file.toString(), "--audit-key", AUDIT_KEY, "--proof-key", PROOF_KEY,
                "--witness", suite.witness.toString(), "--tsa-cert", suite.tsaCertificate.toString(),
                "--require-timestamps"}, new PrintStream(out), new PrintStream(out));
        output = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private byte[] download(Phone phone, String format, String token) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    suite.consent.baseUrl() + "/api/v1/subjects/" + phone.e164().replace("+", "%2B") + "/proof?format="
                            + format + "&lang=de")).header("Authorization", "Bearer " + token)
                            .header(Http.REASON_HEADER, "e2e: proof for a complaint").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException("proof download failed at " + Instant.now(), e);
        }
    }

    private static String lines(ProofBundle bundle) {
        return bundle == null ? "none" : String.join("\n", bundle.checks().stream().map(Check::line).toList());
    }
}
