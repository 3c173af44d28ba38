package io.consentflow.retention.adapters.web;

import io.consentflow.retention.adapters.web.RetentionDtos.ErasureView;
import io.consentflow.retention.app.ErasureStore;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Erasures in progress: every erasure still awaiting a receipt, with the receipts missing (the staff console's
 * "erasures in progress"; overdue ones are also at {@code /overdue}). Roles as for every retention read.
 */
@RestController
class OpenErasuresController {

    /** A bound on one answer; an operator with more open erasures than this has a bigger problem to look at. */
    static final int LIMIT = 500;

    private final ErasureStore erasures;

    OpenErasuresController(ErasureStore erasures) {
        this.erasures = erasures;
    }

    @GetMapping("/api/v1/retention/erasures/open")
    Mono<List<ErasureView>> open() {
        return erasures.awaiting(LIMIT).map(ErasureView::of).collectList();
    }
}
