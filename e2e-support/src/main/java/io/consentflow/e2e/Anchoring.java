package io.consentflow.e2e;

import io.consentflow.proof.Timestamps;
import io.consentflow.proof.tsa.LocalTimestampAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where audit-service anchors its checkpoints in a suite, as on run-local: a local time-stamp authority, its
 * certificate as PEM (for the services and the verifier), and the witness folder that receives each checkpoint's head.
 */
record Anchoring(LocalTimestampAuthority tsa, Path certificate, Path witness) {

    /** A time-stamp authority on a free port and the files under {@code folder}. */
    static Anchoring start(Path folder) {
        LocalTimestampAuthority tsa = LocalTimestampAuthority.start("127.0.0.1", 0, null);
        Path witness = folder.resolve("witness");
        Path certificate = folder.resolve("tsa-cert.pem");
        try {
            Files.createDirectories(witness);
            Files.writeString(certificate, Timestamps.pem(tsa.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Anchoring(tsa, certificate, witness);
    }
}
