package io.consentflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a service JVM of the suite starts from: its packaged jar extracted once per build into
 * {@code target/e2e-jars/<module>/} of the module whose tests run (Spring Boot's {@code -Djarmode=tools extract}, as run-local.sh does
 * before its class-data training and the production image's Dockerfile does), i.e. the application jar beside
 * {@code lib/}. A start from it reads plain jars on
 * the class path instead of opening ~170 nested jars through Boot's launcher: about a quarter less CPU to ready, the
 * same classes and configuration. A stamp (the packaged jar's size and time, the Java runtime) marks an extraction as
 * done, so a rebuilt jar is extracted again and an interrupted extraction is redone; when the extraction fails the
 * service starts from its packaged jar, as before. {@code -De2e.jars=packaged} always starts from the packaged jars.
 */
final class ServiceJars {

    private static final Map<Path, CompletableFuture<Path>> EXTRACTIONS = new ConcurrentHashMap<>();
    /** Its own threads: the common pool has one on two cores, and the extractions overlap the broker's start. */
    private static final ExecutorService EXTRACTORS = Executors.newFixedThreadPool(3, task -> {
        Thread thread = new Thread(task, "e2e-jar-extraction");
        thread.setDaemon(true);
        return thread;
    });

    private ServiceJars() {
    }

    /** A module's packaged jar in its build directory, of this build's version ({@code consentflow.version}). */
    static Path packaged(String module) {
        String version = System.getProperty("consentflow.version", "0.1.0-SNAPSHOT");
        return Suite.repositoryRoot().resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    /** The jar to start for this packaged jar, extracted in the background on the first call of this JVM. */
    static CompletableFuture<Path> launchJar(Path packaged) {
        if ("packaged".equals(System.getProperty("e2e.jars")) || !Files.isRegularFile(packaged)) {
            return CompletableFuture.completedFuture(packaged);
        }
        return EXTRACTIONS.computeIfAbsent(packaged.toAbsolutePath(),
                jar -> CompletableFuture.supplyAsync(() -> extractedOrPackaged(jar), EXTRACTORS));
    }

    private static Path extractedOrPackaged(Path packaged) {
        Path directory = Suite.buildDirectory().resolve("e2e-jars")
                .resolve(packaged.getParent().getParent().getFileName());
        Path extracted = directory.resolve(packaged.getFileName());
        Path stamp = directory.resolve("stamp");
        try {
            String expected = stampOf(packaged);
            if (Files.isRegularFile(extracted) && Files.isRegularFile(stamp)
                    && Files.readString(stamp).equals(expected)) {
                return extracted;
            }
            deleteRecursively(directory);
            Files.createDirectories(directory);
            if (!extract(packaged, directory) || !Files.isRegularFile(extracted)) {
                System.out.println("[e2e] " + packaged.getFileName() + " could not be extracted (see "
                        + extractionLog(directory) + "); the service starts from its packaged jar");
                return packaged;
            }
            // written last: an interrupted extraction has no stamp and is redone
            Files.writeString(stamp, expected);
            return extracted;
        } catch (IOException e) {
            System.out.println("[e2e] " + packaged.getFileName() + " not extracted (" + e
                    + "); the service starts from its packaged jar");
            return packaged;
        }
    }

    private static boolean extract(Path packaged, Path directory) throws IOException {
        Process extraction = new ProcessBuilder(ServiceProcess.javaExecutable(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Djarmode=tools", "-jar", packaged.toString(), "extract", "--destination",
                directory.toString())
                .redirectErrorStream(true).redirectOutput(extractionLog(directory).toFile())
                .start();
        try {
            if (!extraction.waitFor(5, TimeUnit.MINUTES)) {
                extraction.destroyForcibly();
                return false;
            }
            return extraction.exitValue() == 0;
        } catch (InterruptedException e) {
            extraction.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Beside the folder: the extraction wants an empty destination. */
    private static Path extractionLog(Path directory) {
        return directory.resolveSibling(directory.getFileName() + "-extract.log");
    }

    private static String stampOf(Path packaged) throws IOException {
        return String.join(" | ", List.of(Long.toString(Files.size(packaged)),
                Files.getLastModifiedTime(packaged).toString(), System.getProperty("java.home"),
                System.getProperty("java.version")));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
