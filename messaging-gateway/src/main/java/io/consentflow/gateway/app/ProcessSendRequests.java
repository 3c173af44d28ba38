package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.schemas.kafka.PoisonRecordException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A batch of send-requests as the listener read it: the records up to the first one that breaks the topic's
 * structural rules ({@link SendRequests#validate}) are sent through the {@link SendPipeline}; the first poison record
 * is handed to {@code onPoison} with its index, so the listener sends it to the DLT and has the rest redelivered.
 * The listener drops a redelivered poll whose outcomes were all acknowledged (platform's IdempotentConsumer, by
 * position, in memory); what decides is the pipeline's claims, one per requestId, inserted before any call and atomic
 * with it: a request that reaches them again (published again under its requestId, or redelivered after a crash)
 * is not sent again and re-announces its stored outcome (same eventId).
 */
@Service
public class ProcessSendRequests {

    /** One record's value and where it lies in send-requests. */
    public record Received(Object value, int partition, long offset) {
    }

    private final SendPipeline pipeline;

    public ProcessSendRequests(SendPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** @param onPoison told of the first poison record and its index, before the valid ones are processed */
    public Mono<Void> process(List<Received> records, ObjIntConsumer<PoisonRecordException> onPoison) {
        List<SendRequest> valid = new ArrayList<>(records.size());
        Map<SendRequest, SendPipeline.Source> sources = new IdentityHashMap<>(records.size());
        PoisonRecordException poison = null;
        for (int i = 0; i < records.size() && poison == null; i++) {
            try {
                if (!(records.get(i).value() instanceof SendRequest request)) {
                    throw new PoisonRecordException("value: not a SendRequest");
                }
                SendRequests.validate(request);
                valid.add(request);
                sources.put(request, new SendPipeline.Source(records.get(i).partition(), records.get(i).offset()));
            } catch (PoisonRecordException e) {
                poison = e;
                onPoison.accept(e, i);
            }
        }
        return pipeline.processBatch(valid, sources::get);
    }
}
