package io.consentflow.proof;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline verifier: {@code java -jar proof-verifier-standalone.jar FILE [options]} (./run-local.sh verify-proof).
 * FILE is a signed proof (JSON, or the PDF that embeds it) or an audit CSV export. No service is asked anything:
 * trust comes only from the keys, the TSA certificate and the witness folder given here.
 *
 * <pre>
 *   --audit-key KEY     a trusted checkpoint public key (X.509 base64), repeatable (current and previous keys)
 *   --proof-key KEY     the trusted public key of consent-service's proof signature (bundles only)
 *   --witness DIR       the witness folder (checkpoint-NNNNNNNNNNNN.json)
 *   --tsa-cert FILE     the TSA certificate (PEM) to pin
 *   --require-timestamps  a checkpoint without an RFC 3161 token fails
 * </pre>
 * Exit status: 0 every check passed, 1 a check failed, 2 the input or the options are unusable.
 */
public final class VerifyProof {

    record Options(Path file, List<String> auditKeys, String proofKey, Path witness, X509Certificate tsa,
            boolean requireTimestamps) {
    }

    private VerifyProof() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = options(args);
        } catch (IllegalArgumentException | IOException e) {
            err.println("verify-proof: " + e.getMessage());
            err.println("usage: verify-proof FILE --audit-key KEY [--audit-key KEY]... [--proof-key KEY] "
                    + "[--witness DIR] [--tsa-cert FILE] [--require-timestamps]");
            return 2;
        }
        List<Check> checks;
        try {
            checks = verify(options);
        } catch (Json.ProofFormatException | IOException | IllegalArgumentException e) {
            err.println("verify-proof: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // input that passed the format checks but still cannot be read: unusable, never a verdict
            err.println("verify-proof: the input cannot be read (" + e.getClass().getSimpleName() + ")");
            return 2;
        }
        checks.forEach(check -> out.println(check.line()));
        long failed = checks.stream().filter(check -> !check.ok()).count();
        out.println(failed == 0 ? "VERIFIED: " + checks.size() + " checks passed"
                : "NOT VERIFIED: " + failed + " of " + checks.size() + " checks failed");
        return failed == 0 ? 0 : 1;
    }

    public static List<Check> verify(Options options) throws IOException {
        byte[] content = Files.readAllBytes(options.file());
        List<WitnessedCheckpoint> witness = options.witness() == null ? List.of()
                : new WitnessFolder(options.witness()).heads();
        CheckpointChecks checkpoints = new CheckpointChecks(options.auditKeys(), options.tsa(),
                options.requireTimestamps());
        List<Check> checks = new ArrayList<>();
        String name = options.file().getFileName().toString().toLowerCase();
        if (name.endsWith(".csv")) {
            checks.addAll(AuditCsv.check(AuditCsv.parse(new String(content, StandardCharsets.UTF_8)), witness));
            checks.addAll(checkpoints.checkSeries(witness));
            if (witness.isEmpty()) {
                checks.add(Check.fail("witness", "heads", "no witness heads given (--witness DIR): nothing anchors "
                        + "the export"));
            }
            return checks;
        }
        String json = isPdf(content) ? new String(PdfAttachment.extract(content, SignedProof.PDF_ATTACHMENT),
                StandardCharsets.UTF_8) : new String(content, StandardCharsets.UTF_8);
        SignedProof signed = SignedProof.parse(json);
        if (options.proofKey() == null) {
            checks.add(Check.fail("bundle", "signature", "no trusted proof key given (--proof-key)"));
        } else if (!Ed25519.keyIdOf(options.proofKey()).equals(Ed25519.keyIdOf(signed.publicKey()))) {
            checks.add(Check.fail("bundle", "signature", "signed by key " + Ed25519.keyIdOf(signed.publicKey())
                    + ", not by the trusted proof key " + Ed25519.keyIdOf(options.proofKey())));
        } else {
            checks.add(signed.signatureValid()
                    ? Check.pass("bundle", "signature", "Ed25519, key " + Ed25519.keyIdOf(signed.publicKey()))
                    : Check.fail("bundle", "signature", "the bundle was changed after it was signed"));
        }
        ProofBundle bundle = signed.content();
        checks.addAll(BundleChecks.check(bundle, checkpoints));
        if (options.witness() != null) {
            checks.addAll(BundleChecks.againstWitness(bundle, witness));
        }
        return checks;
    }

    private static boolean isPdf(byte[] content) {
        return content.length > 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F';
    }

    static Options options(String[] args) throws IOException {
        Path file = null;
        List<String> auditKeys = new ArrayList<>();
        String proofKey = null;
        Path witness = null;
        X509Certificate tsa = null;
        boolean requireTimestamps = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--require-timestamps" -> requireTimestamps = true;
                case "--audit-key", "--proof-key", "--witness", "--tsa-cert" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--audit-key" -> {
                            Ed25519.publicKey(value);
                            auditKeys.add(value);
                        }
                        case "--proof-key" -> {
                            Ed25519.publicKey(value);
                            proofKey = value;
                        }
                        case "--witness" -> witness = Path.of(value);
                        default -> tsa = Timestamps.certificate(Files.readString(Path.of(value)));
                    }
                }
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unknown argument " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("no FILE given");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + " cannot be read");
        }
        if (auditKeys.isEmpty()) {
            throw new IllegalArgumentException("no trusted checkpoint key given (--audit-key)");
        }
        return new Options(file, auditKeys, proofKey, witness, tsa, requireTimestamps);
    }
}
