package io.consentflow.console.web;

import io.consentflow.console.api.StaffApi;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    @GetMapping("/retention/erasures/{erasureId}")
    String erasure(@PathVariable String erasureId, Model model) {
        if (!UUID.matcher(erasureId).matches()) {
            model.addAttribute("formError", "An erasureId is a UUID.");
        } else {
            model.addAttribute("erasure", api.erasure(erasureId));
        }
        return "erasure";
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
