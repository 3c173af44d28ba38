package io.consentflow.consent.adapters.web.optin;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.HandlerMapping;

/**
 * The opt-in POST's functional route ({@link OptInRoute}) reads the body itself: what it cannot read is refused as the
 * annotated controller's path refused it (400, problem+json naming the body, nothing echoed), and what it does not
 * match (another content type, JSON not accepted) is still answered by the controller (415, 406).
 */
class OptInRouteTests extends IntegrationTestSupport {

    @Autowired
    ApplicationContext context;

    /** The route's own mapping is asked first: the actuator's and the controllers' mappings come after it. */
    @Test
    void theOptInIsLookedUpBeforeAnyOtherHandlerMapping() {
        List<HandlerMapping> mappings = new ArrayList<>(context.getBeansOfType(HandlerMapping.class).values());
        AnnotationAwareOrderComparator.sort(mappings);
        assertThat(mappings.get(0)).isSameAs(context.getBean("optInRequests"));
        assertThat(mappings).hasSizeGreaterThan(2);
    }

    @Test
    void theJsonRequestIsAcceptedWithTheStatusAsJson() {
        postOptIn(optInBody(randomNumber(), List.of("offers")), randomAddress()).expectStatus().isAccepted()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"status\":\"CONFIRMATION_REQUESTED\"}", true);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedNamingTheBodyWithoutEchoingIt() {
        String number = randomNumber();
        postOptIn("{\"phoneNumber\":\"" + number + "\",", randomAddress()).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(problem -> assertThat(problem).contains("\"field\":\"body\"")
                        .doesNotContain(number.substring(1)));
        assertThat(subjects.byContactKey(contactKeys.of(number)).blockOptional()).isEmpty();
    }

    @Test
    void jsonOfAnotherShapeIsRefused() {
        postOptIn("{\"purposes\":\"offers\"}", randomAddress()).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void aBodyOverTheCodecsLimitIsRefusedAsTooLarge() {
        String number = randomNumber();
        Map<String, Object> body = new HashMap<>(optInBody(number, List.of("offers")));
        body.put("consentText", "x".repeat(300_000));
        postOptIn(body, randomAddress()).expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        assertThat(subjects.byContactKey(contactKeys.of(number)).blockOptional()).isEmpty();
    }

    @Test
    void anEmptyOrNullBodyIsRefused() {
        web.post().uri(OptInRoute.PATH).contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        postOptIn("null", randomAddress()).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void requestsTheRouteDoesNotMatchAreAnsweredAsBefore() {
        web.post().uri(OptInRoute.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("phoneNumber=%2B4915112345678").exchange().expectStatus().isEqualTo(415);
        web.post().uri(OptInRoute.PATH).contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_HTML)
                .header("X-Forwarded-For", randomAddress())
                .bodyValue(optInBody(randomNumber(), List.of("offers"))).exchange().expectStatus().isEqualTo(406);
    }
}
