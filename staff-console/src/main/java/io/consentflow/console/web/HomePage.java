package io.consentflow.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: what the signed-in role may open. */
@Controller
class HomePage {

    @GetMapping("/")
    String home() {
        return "index";
    }
}
