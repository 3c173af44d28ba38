package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.config.CampaignApiProperties;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds a campaign batch's whole body ({@code max-batch-body}). A batch is streamed item by item, and the codecs'
 * 64 KB bound each item, not the batch: without this, 10,000 items just under 64 KB each (a mistaken producer's
 * template parameters) would be held in memory at once before any was judged. Past the bound the body ends with the
 * codecs' own {@link DataBufferLimitException}, so the answer is the same 413 problem naming {@code body}, and nothing
 * of the batch is published.
 */
@Component
class CampaignBatchBodyLimit implements WebFilter {

    /** The streamed batches' routes, as their controllers map them. */
    static final String SEND_BATCH = "/api/v1/campaigns/{campaignId}/send-requests";
    static final String DRY_RUN = "/api/v1/campaigns/{campaignId}/dry-run";
    private static final List<PathPattern> BATCHES = List.of(PathPatternParser.defaultInstance.parse(SEND_BATCH),
            PathPatternParser.defaultInstance.parse(DRY_RUN));

    private final long maxBytes;

    CampaignBatchBodyLimit(CampaignApiProperties properties) {
        this.maxBytes = properties.maxBatchBody().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !isBatch(request)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Bounded(request, maxBytes)).build());
    }

    private static boolean isBatch(ServerHttpRequest request) {
        return BATCHES.stream().anyMatch(pattern -> pattern.matches(request.getPath().pathWithinApplication()));
    }

    private static final class Bounded extends ServerHttpRequestDecorator {

        private final long maxBytes;
        private final AtomicLong read = new AtomicLong();

        Bounded(ServerHttpRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new DataBufferLimitException("a campaign batch may carry at most " + maxBytes
                            + " bytes"));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
