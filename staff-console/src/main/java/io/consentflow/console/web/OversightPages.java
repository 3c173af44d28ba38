package io.consentflow.console.web;

import io.consentflow.console.api.Answer;
import io.consentflow.console.api.Download;
import io.consentflow.console.api.StaffApi;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the DPO watches without looking at a person: erasures in progress and overdue with their receipts, retention
 * deadlines, the retention policy as the printable Art. 30 record, the audit log's verification and last checkpoint,
 * and a campaign's compliance report. None of these shows a number; subjects appear by their random subjectId.
 */
@Controller
class OversightPages {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final StaffApi api;

    OversightPages(StaffApi api) {
        this.api = api;
    }

    @GetMapping("/retention")
    String retention(Model model) {
        model.addAttribute("open", api.openErasures());
        model.addAttribute("overdue", api.overdueErasures());
        model.addAttribute("summary", api.deadlineSummary());
        return "retention";
    }

    /** One erasure concerns one subject: the reason is asked first (the services record it), then it is shown. */
    @GetMapping("/retention/erasures/{erasureId}")
    String erasureReasonForm(@PathVariable String erasureId, Model model) {
        model.addAttribute("erasureId", erasureId);
        return "erasure";
    }

    /** The erasure with its receipts and, for DPO and ADMIN, its signed deletion certificate (audit-service). */
    @PostMapping("/retention/erasures/{erasureId}")
    String erasure(@PathVariable String erasureId, @RequestParam(defaultValue = "") String reason,
            @ModelAttribute("staff") Staff staff, Model model) {
        model.addAttribute("erasureId", erasureId);
        model.addAttribute("reason", reason);
        String problem = erasureProblem(erasureId, reason);
        if (problem != null) {
            model.addAttribute("formError", problem);
            return "erasure";
        }
        model.addAttribute("erasure", api.erasure(erasureId, reason.strip()));
        if (staff.exercisesRights()) {
            model.addAttribute("certificate", api.certificate(erasureId, reason.strip()));
        }
        return "erasure";
    }

    /** audit-service's printable certificate, passed through (print it or save it as PDF from the browser). */
    @PostMapping("/retention/erasures/{erasureId}/certificate")
    Object printableCertificate(@PathVariable String erasureId, @RequestParam(defaultValue = "") String reason,
            @ModelAttribute("staff") Staff staff, Model model) {
        String problem = erasureProblem(erasureId, reason);
        if (problem == null && !staff.exercisesRights()) {
            problem = "The deletion certificate is for the DPO and admins.";
        }
        if (problem != null) {
            model.addAttribute("erasureId", erasureId);
            model.addAttribute("formError", problem);
            return "erasure";
        }
        Answer<Download> answer = api.printableCertificate(erasureId, reason.strip());
        if (!answer.ok()) {
            model.addAttribute("erasureId", erasureId);
            model.addAttribute("certificate", answer);
            return "erasure";
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, answer.body().contentType())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(answer.body().bytes());
    }

    private static String erasureProblem(String erasureId, String reason) {
        return UUID.matcher(erasureId).matches() ? Reasons.problem(reason) : "An erasureId is a UUID.";
    }

    @GetMapping("/retention/record")
    String art30Record(Model model) {
        model.addAttribute("record", api.retentionPolicies());
        return "art30";
    }

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("verification", api.verifyAudit());
        model.addAttribute("checkpoints", api.newestCheckpoints(1));
        return "audit";
    }

    @GetMapping("/campaigns")
    String campaign(@RequestParam(required = false) String campaignId, Model model) {
        model.addAttribute("campaignId", campaignId == null ? "" : campaignId.strip());
        if (campaignId != null && !campaignId.isBlank()) {
            if (CAMPAIGN.matcher(campaignId.strip()).matches()) {
                model.addAttribute("report", api.campaignReport(campaignId.strip()));
            } else {
                model.addAttribute("formError", "A campaignId is 1-100 letters, digits, '.', '_', ':' or '-'.");
            }
        }
        return "campaigns";
    }
}
