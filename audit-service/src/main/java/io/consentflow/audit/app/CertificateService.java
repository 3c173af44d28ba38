package io.consentflow.audit.app;

import io.consentflow.audit.domain.DeletionCertificates;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Issues the signed deletion certificate of an erasure from the audit log. The bounds come from the topic catalog
 * ({@link Topics#lastCopyGoneWithin}) and from {@code consentflow.audit.certificate.backup-retention}, which must
 * state the operator's backup schedule (deployment/README.md, "Backups").
 */
@Service
public class CertificateService {

    private final EntryStore entries;
    private final ContactSalts salts;
    private final SigningKeys keys;
    private final Clock clock;
    private final DeletionCertificates.Bounds bounds;

    public CertificateService(EntryStore entries, ContactSalts salts, SigningKeys keys, Clock clock,
            @Value("${consentflow.audit.certificate.backup-retention:P7D}") Duration backupRetention,
            @Value("${consentflow.audit.unlinked-salts.keep:P7D}") Duration unlinkedSalts) {
        this.entries = entries;
        this.salts = salts;
        this.keys = keys;
        this.clock = clock;
        Map<String, Duration> numberTopics = new TreeMap<>();
        Map<String, Duration> idTopics = new TreeMap<>();
        Map<String, Duration> contactKeyTopics = new TreeMap<>();
        Map<String, Duration> contactKeyDeadLetters = new TreeMap<>();
        for (TopicSpec topic : Topics.ALL) {
            if (topic.compacted()) {
                contactKeyTopics.put(topic.name(), Topics.compactedCopyGoneWithin(topic));
                contactKeyDeadLetters.put(topic.deadLetterTopic(), Topics.lastCopyGoneWithin(topic.deadLetter()));
            }
        }
        for (TopicSpec topic : Topics.allWithDeadLetters()) {
            if (topic.carriesPersonalData()) {
                numberTopics.put(topic.name(), Topics.lastCopyGoneWithin(topic));
            } else if (!contactKeyTopics.containsKey(topic.name()) && !contactKeyDeadLetters.containsKey(topic.name())
                    && topic.configs().containsKey("retention.ms")) {
                idTopics.put(topic.name(), Duration.ofMillis(Long.parseLong(topic.configs().get("retention.ms"))));
            }
        }
        this.bounds = new DeletionCertificates.Bounds(numberTopics, idTopics, backupRetention,
                contactKeyTopics, contactKeyDeadLetters, unlinkedSalts);
    }

    /** Empty when the log holds no command with this erasureId. */
    public Mono<DeletionCertificates.Signed> certificate(String erasureId) {
        return entries.byErasureId(erasureId).collectList().flatMap(list -> {
            String subjectId = list.stream().filter(e -> "ErasureRequested".equals(e.type())).findFirst()
                    .map(e -> e.subjectId()).orElse(null);
            if (subjectId == null) {
                return Mono.empty();
            }
            return Mono.zip(entries.bySubject(subjectId).count(), salts.linkedTo(subjectId))
                    .flatMap(counts -> Mono.justOrEmpty(DeletionCertificates.build(erasureId, list, counts.getT1(),
                            counts.getT2() == 0, bounds, clock.instant())))
                    .map(certificate -> DeletionCertificates.sign(certificate, keys));
        });
    }
}
