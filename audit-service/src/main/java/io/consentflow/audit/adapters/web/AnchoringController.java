package io.consentflow.audit.adapters.web;

import io.consentflow.audit.app.AnchorVerification;
import io.consentflow.audit.app.CheckpointStore;
import io.consentflow.audit.config.AnchorProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** How the log is anchored and the state of its newest checkpoint (DPO, SUPPORT, ADMIN: no subject data). */
@RestController
class AnchoringController {

    record Anchoring(Duration heartbeat, Duration allowedAge, boolean timestampAuthority, boolean witness,
            Long latestCheckpoint, Instant latestCheckpointAt, boolean latestTimestamped) {
    }

    private final CheckpointStore checkpoints;
    private final AnchorVerification anchors;
    private final AnchorProperties properties;

    AnchoringController(CheckpointStore checkpoints, AnchorVerification anchors, AnchorProperties properties) {
        this.checkpoints = checkpoints;
        this.anchors = anchors;
        this.properties = properties;
    }

    @GetMapping("/api/v1/audit/anchoring")
    Mono<Anchoring> anchoring() {
        return Mono.zip(checkpoints.latest().map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()),
                anchors.tokens()).map(t -> new Anchoring(properties.heartbeat(), anchors.allowedAge(),
                properties.timestamp().enabled(), properties.witness().enabled(),
                t.getT1().map(c -> c.number()).orElse(null), t.getT1().map(c -> c.createdAt()).orElse(null),
                t.getT1().map(c -> t.getT2().containsKey(c.number())).orElse(false)));
    }
}
