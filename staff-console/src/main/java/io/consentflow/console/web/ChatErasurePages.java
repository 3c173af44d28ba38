package io.consentflow.console.web;

import io.consentflow.console.api.StaffApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Erasure requests people wrote in the chat, awaiting a staff check of who asked: the list shows numbers, so it is
 * opened with a reason like every read of personal data; confirming hands the erasure to retention-service.
 */
@Controller
class ChatErasurePages {

    private final StaffApi api;

    ChatErasurePages(StaffApi api) {
        this.api = api;
    }

    @GetMapping("/erasure-requests")
    String form() {
        return "erasure-requests";
    }

    @PostMapping("/erasure-requests")
    String list(@RequestParam(required = false) String reason, Model model) {
        if (remember(reason, model)) {
            model.addAttribute("requests", api.chatErasureRequests(reason.strip()));
        }
        return "erasure-requests";
    }

    @PostMapping("/erasure-requests/confirm")
    String confirm(@RequestParam String contactKey, @RequestParam(required = false) String reason, Model model) {
        if (remember(reason, model)) {
            model.addAttribute("action", "confirm");
            model.addAttribute("result", api.confirmChatErasure(contactKey, reason.strip()));
            model.addAttribute("requests", api.chatErasureRequests(reason.strip()));
        }
        return "erasure-requests";
    }

    @PostMapping("/erasure-requests/dismiss")
    String dismiss(@RequestParam String contactKey, @RequestParam(required = false) String reason, Model model) {
        if (remember(reason, model)) {
            model.addAttribute("action", "dismiss");
            model.addAttribute("result", api.dismissChatErasure(contactKey, reason.strip()));
            model.addAttribute("requests", api.chatErasureRequests(reason.strip()));
        }
        return "erasure-requests";
    }

    private static boolean remember(String reason, Model model) {
        model.addAttribute("reason", reason == null ? "" : reason.strip());
        String problem = Reasons.problem(reason);
        model.addAttribute("formError", problem);
        return problem == null;
    }
}
