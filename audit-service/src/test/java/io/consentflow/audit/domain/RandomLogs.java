package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/** A seeded generator of honest logs: several chains, interleaved appends, checkpoints at random moments. */
final class RandomLogs {

    static final SigningKeys KEYS = SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY);
    static final String[] TOPICS = {"consent-events", "message-events", "retention-commands", "send-requests-dlt"};
    static final String[] TYPES = {"OptInRequested", "OptInConfirmed", "StopReceived", "MessageSent", "DeadLetter"};

    record Log(List<AuditEntry> entries, List<Checkpoint> checkpoints) {

        /** Chain id -> entries the latest checkpoint commits to. */
        Map<String, Long> committed() {
            return checkpoints.isEmpty() ? Map.of() : checkpoints.get(checkpoints.size() - 1).heads().entrySet()
                    .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().count()));
        }
    }

    private RandomLogs() {
    }

    private static final Map<Long, Log> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Memoised: generating signs checkpoints, and every test reads the same seeds; logs are never mutated. */
    static Log generate(long seed) {
        return CACHE.computeIfAbsent(seed, RandomLogs::create);
    }

    private static Log create(long seed) {
        Random random = new Random(seed);
        int chainCount = 1 + random.nextInt(4);
        Map<String, List<AuditEntry>> chains = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chainCount; i++) {
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String chainId = AuditEntry.chainId(topic, i);
            ids.add(chainId);
            chains.put(chainId, new ArrayList<>());
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        int total = 5 + random.nextInt(60);
        Instant clock = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(random.nextInt(100_000));
        for (int n = 0; n < total; n++) {
            String chainId = ids.get(random.nextInt(ids.size()));
            List<AuditEntry> chain = chains.get(chainId);
            ChainHead head = chain.isEmpty() ? ChainHead.empty(chainId) : ChainHead.of(chain.get(chain.size() - 1));
            int partition = Integer.parseInt(chainId.substring(chainId.lastIndexOf('-') + 1));
            String topic = chainId.substring(0, chainId.lastIndexOf('-'));
            clock = clock.plusMillis(1 + random.nextInt(5000));
            SourceRecord record = new SourceRecord(topic, partition, head.offset() + 1 + random.nextInt(3),
                    new UUID(random.nextLong(), random.nextLong()).toString(), TYPES[random.nextInt(TYPES.length)],
                    random.nextInt(5) == 0 ? null : new UUID(random.nextLong(), random.nextLong()).toString(),
                    random.nextBoolean() ? clock.minusMillis(random.nextInt(1000)) : null, payload(random));
            chain.addAll(Chains.extend(head, List.of(record), clock));
            if (random.nextInt(25) == 0) {
                checkpoints.add(checkpoint(chains, checkpoints, clock));
            }
        }
        if (checkpoints.isEmpty() || random.nextBoolean()) {
            checkpoints.add(checkpoint(chains, checkpoints, clock.plusSeconds(1)));
        }
        List<AuditEntry> all = new ArrayList<>();
        chains.values().forEach(all::addAll);
        return new Log(List.copyOf(all), List.copyOf(checkpoints));
    }

    static Checkpoint checkpoint(Map<String, List<AuditEntry>> chains, List<Checkpoint> previous, Instant at) {
        Map<String, Checkpoint.Head> heads = new TreeMap<>();
        chains.forEach((id, chain) -> {
            if (!chain.isEmpty()) {
                AuditEntry last = chain.get(chain.size() - 1);
                heads.put(id, new Checkpoint.Head(last.sequence() + 1, last.hash()));
            }
        });
        Checkpoint last = previous.isEmpty() ? null : previous.get(previous.size() - 1);
        return Checkpoint.sign(previous.size() + 1L, at, last == null ? Sha256.GENESIS : last.digest(), heads, KEYS);
    }

    static Map<String, Object> payload(Random random) {
        Map<String, Object> payload = new LinkedHashMap<>();
        int fields = 1 + random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            Object value = switch (random.nextInt(6)) {
                case 0 -> "v" + random.nextInt(1000) + "\"\\\n\u0001ü";
                case 1 -> (long) random.nextInt();
                case 2 -> random.nextBoolean();
                case 3 -> List.of("offers", "p" + random.nextInt(9));
                case 4 -> Map.of("name", "t" + random.nextInt(9), "n", (long) random.nextInt(9));
                default -> null;
            };
            payload.put("f" + i, value);
        }
        return payload;
    }
}
