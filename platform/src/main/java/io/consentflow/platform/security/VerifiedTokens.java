package io.consentflow.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the staff tokens the decoder verified (signature, issuer, audience, expiry), keyed by the whole token
 * text, until their {@code exp}: a campaign system posting thousands of requests with one token pays the signature
 * check and the claims parsing once, not per request. A changed byte is another key, so only a token verified as it
 * is comes from here; at its expiry it goes back to the decoder, which refuses it. Bounded: the memory is emptied
 * once it holds {@link #MAX_TOKENS}. A key removed from the identity provider's JWK set stops a token it signed only
 * at that token's expiry (tokens are short-lived; there is no revocation of JWTs either way).
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    static final int MAX_TOKENS = 10_000;
    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(ReactiveJwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            Instant now = clock.instant();
            boolean started = known.getNotBefore() == null || !known.getNotBefore().isAfter(now);
            if (known.getExpiresAt().isAfter(now) && started) {
                return Mono.just(known);
            }
            verified.remove(token);
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() == null) {
                return; // never the case past the validator; not remembered for ever either way
            }
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, jwt);
        });
    }
}
