package io.consentflow.consent.app;

import io.consentflow.consent.app.ConsentCommands.Change;
import io.consentflow.consent.app.ConsentCommands.ContactChange;
import io.consentflow.consent.app.RateLimiter.ConfirmationAttempt;
import io.consentflow.consent.domain.ConfirmationToken;
import io.consentflow.platform.batching.RequestBatcher;
import io.consentflow.platform.batching.RequestBatcher.Pending;
import io.consentflow.platform.observability.TraceParents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Concurrent web/API opt-ins share their commands ({@link RequestBatcher}, no linger: a batch leaves at once when
 * fewer than {@link #WRITES_IN_FLIGHT} are being written, else gathers until one is done): one rate-limit bulk for
 * all ({@link RateLimiter#acquireConfirmations}), then for the allowed ones one lookup, one key-ring insert and one
 * subject insert ({@link ConsentCommands#onContacts}). Each request is judged and answered as if alone: refused by a
 * limit (nothing stored), created, or taking the lone path when its number is known or was created meanwhile.
 */
@Component
public class OptInBatches {

    /** One opt-in request, validated; {@code change} is applied to its subject. */
    public record OptIn(String contactKey, String clientAddress, String e164, String locale,
            Change<Optional<ConfirmationToken>> change) {
    }

    static final int MAX_BATCH = 256;
    static final int WRITES_IN_FLIGHT = 2;

    private final RateLimiter rateLimiter;
    private final ConsentCommands commands;
    private final TraceParents traces;
    private final RequestBatcher<OptIn, Optional<ConfirmationToken>> batcher;

    public OptInBatches(RateLimiter rateLimiter, ConsentCommands commands, TraceParents traces) {
        this.rateLimiter = rateLimiter;
        this.commands = commands;
        this.traces = traces;
        this.batcher = new RequestBatcher<>(MAX_BATCH, WRITES_IN_FLIGHT, Duration.ZERO, this::write);
    }

    /** The token sent (empty: the number was confirmed already); {@link RateLimitedException} when over a limit. */
    public Mono<Optional<ConfirmationToken>> request(OptIn optIn) {
        return batcher.submit(optIn);
    }

    private Mono<Void> write(List<Pending<OptIn, Optional<ConfirmationToken>>> batch) {
        return answers(batch.stream().map(Pending::request).toList(),
                batch.stream().map(pending -> pending.sink().contextView()).toList())
                .doOnNext(answers -> {
                    for (int i = 0; i < answers.size(); i++) {
                        var sink = batch.get(i).sink();
                        answers.get(i).subscribe(sink::success, sink::error, sink::success);
                    }
                }).then();
    }

    /**
     * One batch: element i answers opt-in i (made in context i: its trace), as a lone request would be answered.
     * Rate-limit refusals are decided before anything is stored; what takes the lone path runs when subscribed.
     */
    Mono<List<Mono<Optional<ConfirmationToken>>>> answers(List<OptIn> optIns, List<ContextView> contexts) {
        return rateLimiter.acquireConfirmations(optIns.stream()
                        .map(optIn -> new ConfirmationAttempt(optIn.contactKey(), optIn.clientAddress())).toList())
                .flatMap(waits -> {
                    List<ContactChange<Optional<ConfirmationToken>>> allowed = new ArrayList<>();
                    for (int i = 0; i < optIns.size(); i++) {
                        OptIn o = optIns.get(i);
                        if (waits.get(i).isEmpty()) {
                            allowed.add(new ContactChange<>(o.contactKey(), o.e164(), o.locale(),
                                    traces.current(contexts.get(i)), o.change()));
                        }
                    }
                    return commands.onContacts(allowed).map(made -> {
                        List<Mono<Optional<ConfirmationToken>>> answers = new ArrayList<>(optIns.size());
                        int next = 0;
                        for (int i = 0; i < optIns.size(); i++) {
                            answers.add(waits.get(i).isPresent() ? Mono.error(new RateLimitedException(waits.get(i).get()))
                                    : made.get(next++).contextWrite(Context.of(contexts.get(i))));
                        }
                        return answers;
                    });
                });
    }
}
