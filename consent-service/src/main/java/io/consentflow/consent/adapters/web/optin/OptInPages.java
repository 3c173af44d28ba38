package io.consentflow.consent.adapters.web.optin;

import static io.consentflow.consent.adapters.web.optin.Html.escape;

import io.consentflow.consent.app.OptInRequest;
import io.consentflow.consent.app.OptInService;
import io.consentflow.consent.app.RateLimitedException;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.consent.domain.ConsentLifecycle.ConfirmResult;
import io.consentflow.consent.domain.ConsentPolicy;
import io.consentflow.platform.web.InvalidInputException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The hosted, server-rendered opt-in form and confirmation page (German and English). The confirmation page's GET
 * only shows a button: link scanners follow links, so only the POST confirms.
 */
@RestController
class OptInPages {

    private final OptInService optIns;
    private final ConsentPolicy policy;
    private final ConsentProperties properties;

    OptInPages(OptInService optIns, ConsentPolicy policy, ConsentProperties properties) {
        this.optIns = optIns;
        this.policy = policy;
        this.properties = properties;
    }

    @GetMapping(path = "/opt-in", produces = MediaType.TEXT_HTML_VALUE)
    String form(@RequestParam(name = "lang", defaultValue = "de") String lang) {
        PageTexts t = PageTexts.of(lang);
        return Html.page(t.lang(), t.title(), formBody(t, List.of()));
    }

    @PostMapping(path = "/opt-in", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> submit(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            PageTexts t = PageTexts.of(form.getFirst("locale"));
            String consentText = t.consentText(policy.brandName(), properties.noticeVersion());
            String noticeVersion = form.getFirst("noticeVersion");
            var request = new OptInRequest(form.getFirst("phoneNumber"), form.getOrDefault("purposes", List.of()),
                    t.lang(), noticeVersion, consentText, "WEB_FORM");
            if (noticeVersion != null && !noticeVersion.equals(properties.noticeVersion())) {
                return Mono.just(html(HttpStatus.BAD_REQUEST, t, t.title(),
                        formBody(t, List.of("noticeVersion: outdated, please reload the page"))));
            }
            return optIns.request(request, OptInApi.client(exchange))
                    .map(outcome -> html(HttpStatus.OK, t, t.sentTitle(), "<p role=\"status\">" + escape(t.sentBody())
                            + "</p>"))
                    .onErrorResume(InvalidInputException.class, e -> Mono.just(html(HttpStatus.BAD_REQUEST, t,
                            t.title(), formBody(t, e.errors().stream().map(f -> f.field() + ": " + f.reason())
                                    .toList()))))
                    .onErrorResume(RateLimitedException.class, e -> Mono.just(ResponseEntity
                            .status(HttpStatus.TOO_MANY_REQUESTS)
                            .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                            .contentType(MediaType.TEXT_HTML)
                            .body(Html.page(t.lang(), t.title(), "<p role=\"alert\" class=\"error\">"
                                    + escape(t.rateLimited()) + "</p>"))));
        });
    }

    @GetMapping(path = "/opt-ins/confirm", produces = MediaType.TEXT_HTML_VALUE)
    String confirmPage(@RequestParam(name = "token", defaultValue = "") String token,
            @RequestParam(name = "lang", defaultValue = "de") String lang) {
        PageTexts t = PageTexts.of(lang);
        return Html.page(t.lang(), t.confirmTitle(), "<p>" + escape(t.confirmBody()) + "</p>"
                + "<form method=\"post\" action=\"/opt-ins/confirm\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + escape(token) + "\">"
                + "<input type=\"hidden\" name=\"lang\" value=\"" + escape(t.lang()) + "\">"
                + "<button type=\"submit\" id=\"confirm\">" + escape(t.confirmButton()) + "</button></form>");
    }

    @PostMapping(path = "/opt-ins/confirm", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> confirm(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            PageTexts t = PageTexts.of(form.getFirst("lang"));
            return optIns.confirm(form.getFirst("token")).map(result -> result == ConfirmResult.CONFIRMED
                    ? html(HttpStatus.OK, t, t.confirmedTitle(), "<p role=\"status\" id=\"result\">"
                            + escape(t.confirmedBody()) + "</p>")
                    : html(HttpStatus.BAD_REQUEST, t, t.invalidTitle(), "<p role=\"alert\" id=\"result\">"
                            + escape(t.invalidBody()) + "</p>"));
        });
    }

    private String formBody(PageTexts t, List<String> errors) {
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"/opt-in?lang=").append("en".equals(t.lang()) ? "de" : "en").append("\" lang=\"")
                .append("en".equals(t.lang()) ? "de" : "en").append("\">").append(escape(t.otherLanguage()))
                .append("</a></p>");
        if (!errors.isEmpty()) {
            b.append("<div role=\"alert\" class=\"error\" id=\"errors\"><h2>").append(escape(t.errorsTitle()))
                    .append("</h2><ul>");
            errors.forEach(error -> b.append("<li>").append(escape(error)).append("</li>"));
            b.append("</ul></div>");
        }
        b.append("<p>").append(escape(t.intro())).append("</p>")
                .append("<form method=\"post\" action=\"/opt-in\" id=\"opt-in-form\">")
                .append("<label for=\"phoneNumber\">").append(escape(t.phoneLabel())).append("</label>")
                .append("<input type=\"tel\" id=\"phoneNumber\" name=\"phoneNumber\" autocomplete=\"tel\" required")
                .append(" aria-describedby=\"phone-hint\"><div id=\"phone-hint\">").append(escape(t.phoneHint()))
                .append("</div><fieldset><legend>").append(escape(t.purposesLegend())).append("</legend>");
        policy.purposes().forEach(purpose -> b.append("<label><input type=\"checkbox\" name=\"purposes\" value=\"")
                .append(escape(purpose.name())).append("\" id=\"purpose-").append(escape(purpose.name()))
                .append("\"> ").append(escape(t.purposeLabels().getOrDefault(purpose.name(), purpose.name())))
                .append("</label>"));
        b.append("</fieldset><p>").append(escape(t.whatAndHowOften())).append("</p><p>")
                .append(escape(t.howToStop())).append("</p><p id=\"consent-text\">")
                .append(escape(t.consentText(policy.brandName(), properties.noticeVersion()))).append("</p>")
                .append("<section id=\"privacy\" aria-labelledby=\"privacy-title\"><h2 id=\"privacy-title\">")
                .append(escape(t.privacyTitle())).append("</h2><p>").append(escape(t.privacy())).append("</p><p>")
                .append(escape(t.noticeVersionLabel())).append(": <span id=\"notice-version\">")
                .append(escape(properties.noticeVersion())).append("</span></p></section>")
                .append("<input type=\"hidden\" name=\"noticeVersion\" value=\"")
                .append(escape(properties.noticeVersion())).append("\">")
                .append("<input type=\"hidden\" name=\"locale\" value=\"").append(escape(t.lang())).append("\">")
                .append("<button type=\"submit\" id=\"submit\">").append(escape(t.submit())).append("</button></form>");
        return b.toString();
    }

    private static ResponseEntity<String> html(HttpStatus status, PageTexts t, String title, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(Html.page(t.lang(), title, body));
    }
}
