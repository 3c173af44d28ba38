package io.consentflow.retention.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.BlockReason;
import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.DeliveryStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKey;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** One phase's records on fresh subjects, in the order the gateway and consent-service would write them. */
final class IntakeMix {

    final List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
    final List<String> subjects = IntStream.range(0, RetentionIntakeBenchmark.SUBJECTS)
            .mapToObj(i -> UUID.randomUUID().toString())
            .toList();
    /** subject -> eventId and time of its last message event (the one its MESSAGE_LOG deadline counts from) */
    final Map<String, String> lastMessageEvent = new HashMap<>();
    final Map<String, Instant> lastMessageAt = new HashMap<>();

    IntakeMix() {
        Instant base = Instant.now().minusSeconds(3600);
        for (String subject : subjects) {
            consent(subject, OptInConfirmed.newBuilder().setEventId(Events.newEventId()).setOccurredAt(base)
                    .setProducer(Services.CONSENT).setSubjectId(subject).setOptInId(UUID.randomUUID().toString())
                    .setPurposes(List.of("offers", "support")).setMethod(ConfirmationMethod.QUICK_REPLY)
                    .setEvidenceDigest("00").build());
        }
        int messages = 0;
        boolean stopped = false;
        for (int n = 0; messages < RetentionIntakeBenchmark.MESSAGE_EVENTS; n++) {
            String subject = subjects.get(n % RetentionIntakeBenchmark.SUBJECTS);
            Instant at = base.plusMillis(10L * n + 10);
            String requestId = UUID.randomUUID().toString();
            String eventId = Events.newEventId();
            if (n % 20 == 18) {
                message(subject, MessageBlocked.newBuilder().setEventId(eventId).setOccurredAt(at)
                        .setProducer(Services.GATEWAY).setRequestId(requestId).setSubjectId(subject)
                        .setReason(BlockReason.FREQUENCY_CAP).setCategory(MessageCategory.MARKETING)
                        .setPurpose("offers").build());
                messages++;
            } else if (n % 20 == 19) {
                message(subject, MessageFailed.newBuilder().setEventId(eventId).setOccurredAt(at)
                        .setProducer(Services.GATEWAY).setRequestId(requestId).setSubjectId(subject)
                        .setErrorCode(131026).setRetryable(false).build());
                messages++;
            } else {
                message(subject, MessageSent.newBuilder().setEventId(eventId).setOccurredAt(at)
                        .setProducer(Services.GATEWAY).setRequestId(requestId).setSubjectId(subject)
                        .setWamid("wamid." + requestId).setCategory(MessageCategory.MARKETING)
                        .setPurpose("offers").build());
                messages++;
                for (DeliveryStatus status : List.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ)) {
                    if (messages < RetentionIntakeBenchmark.MESSAGE_EVENTS) {
                        message(subject, MessageStatusChanged.newBuilder().setEventId(Events.newEventId())
                                .setOccurredAt(at.plusMillis(5)).setProducer(Services.GATEWAY)
                                .setWamid("wamid." + requestId).setRequestId(requestId).setSubjectId(subject)
                                .setStatus(status).setStatusAt(at.plusMillis(5)).build());
                        messages++;
                    }
                }
            }
            lastMessageEvent.put(subject, eventId);
            lastMessageAt.put(subject, at);
            if (!stopped && messages >= RetentionIntakeBenchmark.MESSAGE_EVENTS / 2) {
                stopped = true;
                // a few STOPs in the middle of the traffic, as in the end-to-end steady phase
                subjects.subList(0, 50).forEach(s -> consent(s, StopReceived.newBuilder()
                        .setEventId(Events.newEventId()).setOccurredAt(at).setProducer(Services.CONSENT)
                        .setSubjectId(s).setTrigger(StopTrigger.KEYWORD).setScope(StopScope.ALL)
                        .setPurposesWithdrawn(List.of("offers", "support")).setLanguage("de").build()));
            }
        }
    }

    private void consent(String subject, SpecificRecord event) {
        records.add(new ProducerRecord<>(Topics.CONSENT_EVENTS.name(), subject, event));
    }

    private void message(String subject, SpecificRecord event) {
        records.add(new ProducerRecord<>(Topics.MESSAGE_EVENTS.name(), subject, event));
    }

    /** Every subject's message-log deadline counts from its last message, the STOPs started proof clocks. */
    void verify(DeadlineStore store) {
        for (String subject : subjects) {
            Deadline log = store.find(DeadlineKey.of(subject, DeadlineKind.MESSAGE_LOG)).block();
            assertThat(log).as("message log deadline").isNotNull();
            assertThat(log.status()).isEqualTo(Deadline.Status.SCHEDULED);
            assertThat(log.lastEventId()).isEqualTo(lastMessageEvent.get(subject));
            assertThat(log.dueAt()).isAfter(lastMessageAt.get(subject).plus(Duration.ofDays(89)));
        }
        for (String subject : subjects.subList(0, 50)) {
            assertThat(store.find(DeadlineKey.of(subject, DeadlineKind.CONSENT_PROOF)).block().status())
                    .isEqualTo(Deadline.Status.SCHEDULED);
            assertThat(store.find(DeadlineKey.of(subject, DeadlineKind.INACTIVE_CONSENT)).block().status())
                    .isEqualTo(Deadline.Status.CANCELLED);
        }
    }
}
