package io.consentflow.consent.adapters.web.optin;

import io.consentflow.consent.app.OptInRequest;
import io.consentflow.consent.app.OptInService;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.ProblemDetailsAdvice;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.AbstractJacksonDecoder;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

/**
 * {@code POST /api/v1/opt-ins} as a functional endpoint, the launch's busiest request: WebFlux's annotated-controller
 * machinery (handler-method lookup, argument resolution with its per-request Jackson reader, result handling with
 * content negotiation) cost a sixth of the web threads' samples per opt-in. The body is read as the JSON codec would
 * (its mapper and its size limit: larger bodies are refused with 413 before parsing), into one reader made at start.
 * A body it cannot read is answered here with the problem+json {@code ProblemDetailsAdvice} gives the controllers
 * (400, naming the body, echoing nothing); every other error (a body over the limit: 413, invalid fields, rate
 * limits) goes to the same advice as the controller's did. Requests that are not JSON or do not accept JSON are not
 * matched here: {@link OptInApi#request} answers them as before (415, 406).
 *
 * <p>The route has a handler mapping of its own, asked first: behind Spring's shared one (order -1) every opt-in was
 * first looked up among the actuator's and the controllers' request mappings, twice the route's own matching.
 * Security and every other web filter run before any handler mapping, as for every request.
 */
@Configuration(proxyBeanMethods = false)
class OptInRoute {

    static final String PATH = "/api/v1/opt-ins";
    private static final byte[] ACCEPTED = "{\"status\":\"CONFIRMATION_REQUESTED\"}".getBytes(StandardCharsets.UTF_8);

    @Bean
    RouterFunctionMapping optInRequests(OptInService optIns, ServerCodecConfigurer codecs) {
        AbstractJacksonDecoder<?> json = jsonDecoder(codecs);
        Handler handler = new Handler(optIns, json.getMapper().readerFor(OptInRequest.class),
                json.getMaxInMemorySize());
        RouterFunction<ServerResponse> route = RouterFunctions.route(RequestPredicates.POST(PATH)
                .and(RequestPredicates.contentType(MediaType.APPLICATION_JSON))
                .and(RequestPredicates.accept(MediaType.APPLICATION_JSON)), handler::request);
        RouterFunctionMapping mapping = new RouterFunctionMapping(route);
        mapping.setMessageReaders(codecs.getReaders());
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /** The decoder the annotated controllers read JSON with: its mapper (Spring Boot's) and its body limit. */
    private static AbstractJacksonDecoder<?> jsonDecoder(ServerCodecConfigurer codecs) {
        return codecs.getReaders().stream()
                .filter(DecoderHttpMessageReader.class::isInstance)
                .map(reader -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
                .filter(AbstractJacksonDecoder.class::isInstance)
                .map(decoder -> (AbstractJacksonDecoder<?>) decoder)
                .filter(decoder -> decoder.getDecodableMimeTypes().contains(MediaType.APPLICATION_JSON))
                .findFirst().orElseThrow(() -> new IllegalStateException("no JSON decoder configured"));
    }

    record Handler(OptInService optIns, ObjectReader reader, int maxBodyBytes) {

        Mono<ServerResponse> request(ServerRequest request) {
            return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBodyBytes)
                    .map(this::read)
                    .switchIfEmpty(Mono.error(() -> new Unreadable("is missing or malformed")))
                    .flatMap(body -> optIns.request(body, OptInApi.client(request.exchange())))
                    .flatMap(outcome -> ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(ACCEPTED))
                    .onErrorResume(Unreadable.class, Handler::refused);
        }

        /** As the JSON decoder reads a body; a body that is not JSON of this shape is bad input (400). */
        private OptInRequest read(DataBuffer buffer) {
            try (InputStream in = buffer.asInputStream()) {
                OptInRequest body = reader.readValue(in);
                if (body == null) {
                    throw new Unreadable("is missing or malformed");
                }
                return body;
            } catch (JacksonException | IOException e) {
                // the parser's message may quote the body (a phone number): it is neither kept nor answered
                throw new Unreadable("is not readable JSON of the expected shape");
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        /** The problem {@code ProblemDetailsAdvice} answers the controllers' unreadable bodies with. */
        private static Mono<ServerResponse> refused(Unreadable e) {
            ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "Invalid request",
                    List.of(new FieldError("body", e.getMessage())));
            problem.setInstance(URI.create(PATH));
            return ServerResponse.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(problem);
        }
    }

    /** A body the route cannot read: answered here, without a stack trace (the reason names no data). */
    private static final class Unreadable extends RuntimeException {

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
