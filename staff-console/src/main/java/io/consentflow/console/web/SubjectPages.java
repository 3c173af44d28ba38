package io.consentflow.console.web;

import io.consentflow.console.api.Answer;
import io.consentflow.console.api.Download;
import io.consentflow.console.api.StaffApi;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One person, found by phone number: consent state, purposes, history and the messages sent and blocked, then the
 * actions on it (STOP, Art. 15 export, Art. 17 erasure, proof of consent). Numbers travel only in POST bodies, never
 * in URLs, so they stay out of access logs and browser history.
 */
@Controller
class SubjectPages {

    private static final Set<String> PROOF_FORMATS = Set.of("pdf", "html");
    private static final Set<String> PROOF_LANGUAGES = Set.of("de", "en");

    private final StaffApi api;

    SubjectPages(StaffApi api) {
        this.api = api;
    }

    @ModelAttribute("search")
    Search search(@RequestParam(required = false) String e164, @RequestParam(required = false) String reason) {
        return new Search(e164 == null ? "" : e164.strip(), reason == null ? "" : reason.strip());
    }

    record Search(String e164, String reason) {
    }

    @GetMapping("/subjects")
    String form() {
        return "subject";
    }

    @PostMapping("/subjects")
    String find(@ModelAttribute("search") Search search, @ModelAttribute("staff") Staff staff,
            Model model) {
        if (!valid(search, model)) {
            return "subject";
        }
        Answer<Map<String, Object>> consent = api.consent(search.e164(), search.reason());
        model.addAttribute("consent", consent);
        if (consent.ok()) {
            model.addAttribute("history", api.history(search.e164(), search.reason()));
            Object subjectId = consent.body().get("subjectId");
            if (staff.exercisesRights() && subjectId != null) {
                // the whole message log is Art. 15 material: the gateway gives it to DPO and ADMIN only
                model.addAttribute("messages", api.messages(subjectId.toString(), search.reason()));
            }
        }
        return "subject";
    }

    @PostMapping("/subjects/stop")
    String stop(@ModelAttribute("search") Search search, Model model) {
        if (valid(search, model)) {
            model.addAttribute("action", "stop");
            model.addAttribute("result", api.stop(search.e164(), search.reason()));
        }
        return "subject";
    }

    @PostMapping("/subjects/erasure")
    String erase(@ModelAttribute("search") Search search, Model model) {
        if (valid(search, model)) {
            model.addAttribute("action", "erasure");
            model.addAttribute("result", api.erase(search.e164(), search.reason()));
        }
        return "subject";
    }

    @PostMapping("/subjects/export")
    Object export(@ModelAttribute("search") Search search, Model model) {
        if (!valid(search, model)) {
            return "subject";
        }
        return downloadOrPage(api.export(search.e164(), search.reason()), "art15-export.json", "export", model);
    }

    @PostMapping("/subjects/proof")
    Object proof(@ModelAttribute("search") Search search, @RequestParam String format, @RequestParam String lang,
            Model model) {
        if (!PROOF_FORMATS.contains(format) || !PROOF_LANGUAGES.contains(lang)) {
            model.addAttribute("formError", "Proof format must be pdf or html, language de or en.");
            return "subject";
        }
        if (!valid(search, model)) {
            return "subject";
        }
        return downloadOrPage(api.proof(search.e164(), format, lang, search.reason()),
                "proof-of-consent-" + lang + "." + format, "proof", model);
    }

    private static Object downloadOrPage(Answer<Download> answer, String fileName, String action, Model model) {
        if (!answer.ok()) {
            model.addAttribute("action", action);
            model.addAttribute("result", answer);
            return "subject";
        }
        Download download = answer.body();
        String disposition = download.contentDisposition() != null ? download.contentDisposition()
                : "attachment; filename=\"" + fileName + "\"";
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, download.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(download.bytes());
    }

    private static boolean valid(Search search, Model model) {
        String problem = search.e164().isEmpty() ? "Enter the phone number in E.164 form, e.g. +4915112345678."
                : Reasons.problem(search.reason());
        if (problem != null) {
            model.addAttribute("formError", problem);
            return false;
        }
        return true;
    }
}
