import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Black-box web opt-ins against a running ./run-local.sh (JDK only, Java 11+ source launcher):
 * {@code java scripts/OptInBench.java [--clients 16] [--opt-ins 8000] [--warm-up 4000] [--url http://localhost:8081]}.
 * Each of the clients posts {@code POST /api/v1/opt-ins} in a loop, a new number per request, as browsers behind an
 * ingress do: each request carries an X-Forwarded-For address of its own, which consent-service believes only with
 * {@code CONSENTFLOW_TRUSTED_PROXIES=127.0.0.0/8} in the environment ./run-local.sh started it with (else every
 * request counts against one address and the 21st is refused 429: the rate limits stay on). Prints throughput,
 * request → 202 p50/p99, and the CPU per opt-in of every process ./run-local.sh started (the MongoDB wire server,
 * Kafka, the four services, the simulator, …) and their sum, read from /proc for the pids in .local/run/, with the
 * load average beside them. The sum covers what each opt-in sets going downstream (the confirmation's send, its
 * status webhooks, audit entries, retention's deadlines) only as far as it kept up within the measured window. Any answer but 202 is counted and
 * fails the run (exit 1).
 */
public final class OptInBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int optIns = Integer.parseInt(options.getOrDefault("opt-ins", "8000"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "4000"));
        URI target = URI.create(options.getOrDefault("url", "http://localhost:8081") + "/api/v1/opt-ins");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long base = ThreadLocalRandom.current().nextLong(10_000_000L, 80_000_000L);
        System.out.printf("warm-up: %d opt-ins, %d clients%n", warmUp, clients);
        run(http, target, clients, warmUp, base);
        Thread.sleep(2_000);
        double[] load = loadAverage();
        Map<String, Double> cpuBefore = cpuSeconds();
        long start = System.nanoTime();
        long[] micros = run(http, target, clients, optIns, base + warmUp);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = cpuSeconds();
        Arrays.sort(micros);
        System.out.printf("measured: %d opt-ins, %d clients, %.1f s%n", optIns, clients, seconds);
        System.out.printf("opt-ins/s (HTTP 202): %.0f%n", optIns / seconds);
        System.out.printf("request -> 202 p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", micros[micros.length / 2] / 1e3,
                micros[(int) Math.ceil(micros.length * 0.99) - 1] / 1e3, micros[micros.length - 1] / 1e3);
        double all = 0;
        for (String name : cpuBefore.keySet()) {
            if (cpuAfter.containsKey(name)) {
                double cpu = cpuAfter.get(name) - cpuBefore.get(name);
                all += cpu;
                System.out.printf("CPU %-18s %6.1f %% of one core, %6.0f us per opt-in%n", name,
                        100 * cpu / seconds, cpu * 1e6 / optIns);
            }
        }
        System.out.printf("CPU %-18s %6.1f %% of one core, %6.0f us per opt-in%n", "all of them",
                100 * all / seconds, all * 1e6 / optIns);
        double[] loadAfter = loadAverage();
        System.out.printf("load average (1 min) before %.2f, after %.2f; %d cores%n", load[0], loadAfter[0],
                Runtime.getRuntime().availableProcessors());
    }

    /** {@code count} opt-ins from {@code clients} threads; returns each request's time to its answer in µs. */
    private static long[] run(HttpClient http, URI target, int clients, int count, long firstNumber)
            throws InterruptedException {
        long[] micros = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long n = firstNumber + i;
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Forwarded-For", "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "."
                                    + (n & 255))
                            .POST(HttpRequest.BodyPublishers.ofString(body(String.format("+49151%08d", n))))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 202) {
                            refused.incrementAndGet();
                        }
                    } catch (IOException e) {
                        refused.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    micros[i] = (System.nanoTime() - sent) / 1_000;
                }
            }, "opt-in-client-" + c);
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (refused.get() > 0) {
            System.err.println(refused.get() + " of " + count + " opt-ins not answered 202 (rate-limited? start "
                    + "./run-local.sh with CONSENTFLOW_TRUSTED_PROXIES=127.0.0.0/8)");
            System.exit(1);
        }
        return micros;
    }

    private static String body(String number) {
        return "{\"phoneNumber\":\"" + number + "\",\"purposes\":[\"offers\"],\"locale\":\"de\","
                + "\"noticeVersion\":\"2026-11\",\"consentText\":\"Ja, ich möchte Angebote per WhatsApp erhalten. "
                + "Abmeldung jederzeit mit STOP.\",\"source\":\"WEB_FORM\"}";
    }

    /** CPU seconds (user + system) of each measured process, from its pid file and /proc/<pid>/stat. */
    private static Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(Path.of(".local/run"))) {
            pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList();
        } catch (IOException e) {
            return cpu; // not running under ./run-local.sh on this machine: no CPU lines
        }
        for (Path pidFile : pidFiles) {
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            try {
                String pid = Files.readString(pidFile).trim();
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields from the state on: utime is the 12th, stime the 13th (clock ticks, USER_HZ = 100)
                cpu.put(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
            } catch (IOException | RuntimeException e) {
                // stopped in the meantime: left out
            }
        }
        return cpu;
    }

    private static double[] loadAverage() throws IOException {
        return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).limit(3)
                .mapToDouble(Double::parseDouble).toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: java scripts/OptInBench.java [--clients 16] "
                        + "[--opt-ins 8000] [--warm-up 4000] [--url http://localhost:8081]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
