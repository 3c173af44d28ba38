package io.consentflow.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A witness kept as a folder: one file per checkpoint, {@code checkpoint-<number, 12 digits>.json}, each written
 * once (to a temporary name, then moved). Locally .local/data/witness; in production a folder on storage the
 * operator's database credentials cannot reach (an object-lock bucket mounted read-append, a second host).
 */
public final class WitnessFolder {

    private final Path folder;

    public WitnessFolder(Path folder) {
        this.folder = folder;
    }

    public static String fileName(long number) {
        return String.format("checkpoint-%012d.json", number);
    }

    /** Writes the head unless the witness already has this number (a witness keeps its first copy). */
    public boolean deliver(WitnessedCheckpoint checkpoint) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(fileName(checkpoint.number()));
            if (Files.exists(target)) {
                return false;
            }
            Path temporary = folder.resolve("." + fileName(checkpoint.number()) + ".tmp");
            Files.writeString(temporary, checkpoint.toJson(), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("the witness folder cannot be written", e);
        }
    }

    /** Every head in the folder, ascending by number; an empty list when the folder does not exist. */
    public List<WitnessedCheckpoint> heads() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<WitnessedCheckpoint> heads = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("checkpoint-\\d{12}\\.json"))
                    .sorted().toList()) {
                heads.add(WitnessedCheckpoint.parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the witness folder cannot be read", e);
        }
        return heads;
    }
}
