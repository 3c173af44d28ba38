package io.consentflow.consent.adapters.web.optin;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.testsupport.StaffTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * consent-service behind an ingress whose network (10.0.0.0/8 here) is not where this test connects from: a client
 * that reaches the service directly cannot choose its address with X-Forwarded-For. Its forged header is ignored,
 * the evidence records the socket's address and every forged address draws on that one address's opt-in budget.
 * The positive control is {@link OptInApiTests}: from the trusted network (loopback in the test configuration) the
 * forwarded address is the client's, limited on its own.
 */
class ClientAddressBehindIngressTests extends IntegrationTestSupport {

    private static final int PER_CLIENT_ADDRESS = 3;

    @DynamicPropertySource
    static void ingressElsewhere(DynamicPropertyRegistry registry) {
        registry.add("consentflow.platform.web.trusted-proxies", () -> "10.0.0.0/8");
        registry.add("consentflow.consent.rate-limit.per-client-address", () -> PER_CLIENT_ADDRESS);
        // a database of its own: the budget of 127.0.0.1 used up here must not be shared with other test classes
        registry.add("spring.mongodb.database", () -> "consent-ingress-" + UUID.randomUUID());
    }

    @Test
    void aForgedForwardedForFromOutsideTheIngressNetworkIsIgnored() {
        String first = randomNumber();
        postOptIn(optInBody(first, List.of("offers")), "203.0.113.7").expectStatus().isAccepted();
        web.get().uri("/api/v1/subjects/{e164}/export", first).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.evidence[0].clientAddress").isEqualTo("127.0.0.1");

        for (int i = 1; i < PER_CLIENT_ADDRESS; i++) {
            postOptIn(optInBody(randomNumber(), List.of("offers")), randomAddress()).expectStatus().isAccepted();
        }
        // a fresh forged address each time, yet the socket's budget is spent
        postOptIn(optInBody(randomNumber(), List.of("offers")), randomAddress()).expectStatus().isEqualTo(429);
    }
}
