package io.consentflow.retention.adapters.web;

import io.consentflow.platform.security.StaffReason;
import io.consentflow.platform.staff.StaffAccessRecorder;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.retention.adapters.web.RetentionDtos.DeadlineView;
import io.consentflow.retention.adapters.web.RetentionDtos.ErasureRequest;
import io.consentflow.retention.adapters.web.RetentionDtos.ErasureView;
import io.consentflow.retention.adapters.web.RetentionDtos.PolicyEntry;
import io.consentflow.retention.adapters.web.RetentionDtos.PolicyRecord;
import io.consentflow.retention.adapters.web.RetentionDtos.SubjectDeadlines;
import io.consentflow.retention.adapters.web.RetentionDtos.Summary;
import io.consentflow.retention.app.DeadlineService;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.app.ErasureScheduler;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.app.OverdueMonitor;
import io.consentflow.retention.config.RetentionProperties;
import io.consentflow.retention.domain.DeadlineSummary;
import io.consentflow.retention.domain.RetentionPolicies;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Staff API: policies (the Art. 30 deletion periods), deadlines, overdue erasures, Art. 17 erasure requests. */
@RestController
@RequestMapping("/api/v1/retention")
class RetentionController {

    /** subjectIds are random UUIDs assigned by consent-service; anything else is refused before touching MongoDB. */
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final RetentionPolicies policies;
    private final RetentionProperties properties;
    private final DeadlineStore deadlines;
    private final ErasureStore erasures;
    private final DeadlineService deadlineService;
    private final ErasureScheduler scheduler;
    private final OverdueMonitor overdue;
    private final Clock clock;
    private final StaffAccessRecorder staffAccess;

    RetentionController(RetentionPolicies policies, RetentionProperties properties, DeadlineStore deadlines,
            ErasureStore erasures, DeadlineService deadlineService, ErasureScheduler scheduler, OverdueMonitor overdue,
            Clock clock, StaffAccessRecorder staffAccess) {
        this.staffAccess = staffAccess;
        this.policies = policies;
        this.properties = properties;
        this.deadlines = deadlines;
        this.erasures = erasures;
        this.deadlineService = deadlineService;
        this.scheduler = scheduler;
        this.overdue = overdue;
        this.clock = clock;
    }

    @GetMapping("/policies")
    PolicyRecord policies() {
        String source = properties.policyFile() == null || properties.policyFile().isBlank()
                ? "classpath:retention-policies.yml" : "file";
        return new PolicyRecord(policies.controller(), policies.zone().getId(), source,
                policies.policies().stream().map(PolicyEntry::of).toList(), TopicBounds.compacted());
    }

    @GetMapping("/deadlines")
    Mono<SubjectDeadlines> deadlines(@RequestParam(required = false) String subjectId) {
        String subject = subjectId(subjectId);
        return Mono.zip(deadlines.bySubject(subject).map(DeadlineView::of).collectList(),
                erasures.bySubject(subject).map(ErasureView::of).collectList())
                .map(both -> new SubjectDeadlines(subject, both.getT1(), both.getT2()));
    }

    @GetMapping("/deadlines/summary")
    Mono<Summary> summary() {
        var now = clock.instant();
        return deadlines.scheduled().reduce(new DeadlineSummary(now),
                (summary, deadline) -> summary.add(deadline.key().kind(), deadline.dueAt()))
                .map(summary -> {
                    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
                    long[] total = {0};
                    summary.counts().forEach((kind, windows) -> {
                        Map<String, Long> byWindow = new LinkedHashMap<>();
                        windows.forEach((window, count) -> {
                            byWindow.put(window.name(), count);
                            total[0] += count;
                        });
                        counts.put(kind.name(), byWindow);
                    });
                    return new Summary(now, counts, total[0]);
                });
    }

    @GetMapping("/overdue")
    Mono<java.util.List<ErasureView>> overdue() {
        return overdue.overdue().map(ErasureView::of).collectList();
    }

    @GetMapping("/erasures/{erasureId}")
    Mono<ResponseEntity<ErasureView>> erasure(@PathVariable String erasureId) {
        return erasures.find(uuid("erasureId", erasureId)).map(erasure -> ResponseEntity.ok(ErasureView.of(erasure)))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    /**
     * Art. 17: erase the subject now (reason SUBJECT_REQUEST). Answers 202 with the erasure; asking again while that
     * erasure still awaits receipts returns the same erasureId. The staff member's reason is required and the command
     * is recorded (ERASURE_COMMAND, naming the subject of the body) before anything is scheduled.
     */
    @PostMapping("/erasures")
    Mono<ResponseEntity<ErasureView>> requestErasure(@RequestBody ErasureRequest request,
            @RequestHeader(value = StaffReason.HEADER, required = false) String reasonHeader,
            @AuthenticationPrincipal Jwt caller) {
        String reason = StaffReason.required(reasonHeader);
        String subject = subjectId(request == null ? null : request.subjectId());
        return staffAccess.record(caller, RetentionStaffAccountability.ERASURE_COMMAND, subject, reason)
                .then(Mono.defer(() -> deadlineService.requestErasure(subject)))
                .flatMap(deadline -> scheduler.fireDue().onErrorReturn(0).then(erasures.find(deadline.erasureId())))
                .map(erasure -> ResponseEntity.status(HttpStatus.ACCEPTED).body(ErasureView.of(erasure)))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "erasure scheduled but not yet sent; the scheduler retries")));
    }

    private static String subjectId(String value) {
        return uuid("subjectId", value);
    }

    private static String uuid(String field, String value) {
        if (value == null || !UUID.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be a UUID");
        }
        return value;
    }
}
