package io.consentflow.audit.app;

import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: the RFC 3161 token of each checkpoint, by checkpoint number; insert/find only. */
public interface TimestampStore {

    /** False when a token for this number is stored already (another instance was first). */
    Mono<Boolean> insert(long number, String digest, String token);

    /** number -> token. */
    Mono<Map<Long, String>> all();

    Mono<String> token(long number);
}
