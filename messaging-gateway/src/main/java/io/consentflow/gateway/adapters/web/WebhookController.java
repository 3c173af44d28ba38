package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.WebhookIngress;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.domain.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Meta's webhook: the verification handshake (GET) and signed deliveries (POST). A delivery is read as raw bytes up
 * to its own limit ({@code webhook-max-body}, Meta's payloads reach 3 MB), not the codecs' 64 KB that bounds every
 * other request body: a batch of statuses or messages Meta sends must never be refused for its size, or Meta retries
 * it until it gives up and an inbound STOP with it is lost. A larger body is refused with 413 before any check.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WebhookController {

    private final WebhookSignature signature;
    private final WebhookIngress ingress;
    private final byte[] verifyToken;
    private final int maxBodyBytes;

    WebhookController(WebhookSignature signature, WebhookIngress ingress, GatewayProperties properties) {
        this.signature = signature;
        this.ingress = ingress;
        this.verifyToken = properties.whatsapp().verifyToken().getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = Math.toIntExact(properties.whatsapp().webhookMaxBody().toBytes());
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        boolean tokenMatches = token != null
                && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null || challenge.length() > 200) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    @PostMapping
    Mono<ResponseEntity<Void>> receive(@RequestHeader(name = "X-Hub-Signature-256", required = false) String header,
            ServerHttpRequest request) {
        // over the limit: DataBufferLimitException, answered 413 by the platform's ProblemDetailsAdvice
        return DataBufferUtils.join(request.getBody(), maxBodyBytes).map(WebhookController::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(raw -> verified(header, raw));
    }

    /** The signature is checked on the exact bytes received, before any parsing. */
    private Mono<ResponseEntity<Void>> verified(String header, byte[] raw) {
        return switch (signature.verify(header, raw)) {
            case MISSING -> Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
            case INVALID -> Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).build());
            case VALID -> ingress.accept(raw).thenReturn(ResponseEntity.ok().build());
        };
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] raw = new byte[buffer.readableByteCount()];
            buffer.read(raw);
            return raw;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
