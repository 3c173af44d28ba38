package io.consentflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

class ProblemDetailsAdviceTests {

    record Body(@NotBlank String noticeVersion) {
    }

    @RestController
    static class SubjectController {

        @GetMapping("/api/v1/subjects/{e164}/consent")
        Mono<String> consent(@PathVariable String e164) {
            if (e164.endsWith("0")) {
                throw new InvalidInputException("e164", "is not a valid E.164 number");
            }
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }

        @PostMapping("/api/v1/opt-ins")
        Mono<String> optIn(@Valid @RequestBody Body body) {
            return Mono.just("ok");
        }
    }

    private final WebTestClient web = WebTestClient.bindToController(new SubjectController())
            .controllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void invalidInputNamesTheFieldAndNeverEchoesThePathOrTheValue() {
        String body = web.get().uri("/api/v1/subjects/+4915112345670/consent").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"field\":\"e164\"").contains("is not a valid E.164 number")
                .contains("/api/v1/subjects/%7Be164%7D/consent").doesNotContain("4915112345670");
    }

    @Test
    void frameworkErrorsAreProblemsWithoutThePathToo() {
        String body = web.get().uri("/api/v1/subjects/+4915112345679/consent").exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"status\":404").doesNotContain("4915112345679");
    }

    @Test
    void beanValidationAndUnreadableBodiesBecomeFieldLevelProblems() {
        web.post().uri("/api/v1/opt-ins").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"noticeVersion\":\"\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("noticeVersion");
        web.post().uri("/api/v1/opt-ins").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].reason").isEqualTo("is not readable JSON of the expected shape");
    }
}
