package io.consentflow.gateway.app;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * The requestIds the REST API has published, claimed before publishing so a repeated post answers like the first and
 * never publishes again (port; {@code adapters.mongo.MongoApiRequestClaims}). The client scopes what a campaign
 * system may read back.
 */
public interface ApiRequestClaims {

    /** One request to claim: its campaign (null: none) and the client whose token posted it. */
    record Claim(String requestId, String campaignId, String client) {
    }

    /** One unordered insertMany; element i is true when request i is claimed now, false when it was before. */
    Mono<boolean[]> claim(List<Claim> claims);

    /** Which of these requestIds were accepted before (a dry run counts them apart: a send would not repeat them). */
    Mono<Set<String>> accepted(List<String> requestIds);

    /** Which of these requestIds the client posted. */
    Mono<Set<String>> ofClient(String client, Collection<String> requestIds);

    /** Forgets the claims taken now (fresh[i]) whose publication failed. */
    Mono<Void> release(List<String> requestIds, boolean[] fresh);
}
