package io.consentflow.consent.adapters.web.proof;

import io.consentflow.consent.app.ProofAssembler;
import io.consentflow.consent.app.SubjectStore;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.proof.SignedProof;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The proof of consent of one number, signed: {@code GET /api/v1/subjects/{e164}/proof?format=pdf|html|json&lang=de|en}
 * (DPO, ADMIN). The chain data comes from audit-service with the caller's own token. File names carry the subjectId,
 * never the number; nothing is cached.
 */
@RestController
class ProofController {

    private static final Set<String> FORMATS = Set.of("pdf", "html", "json");
    private static final Set<String> LANGUAGES = Set.of("de", "en");

    private final SubjectStore subjects;
    private final ContactKeys contactKeys;
    private final ProofAssembler assembler;

    ProofController(SubjectStore subjects, ContactKeys contactKeys, ProofAssembler assembler) {
        this.subjects = subjects;
        this.contactKeys = contactKeys;
        this.assembler = assembler;
    }

    @GetMapping("/api/v1/subjects/{e164}/proof")
    Mono<ResponseEntity<byte[]>> proof(@PathVariable String e164, @RequestParam(defaultValue = "json") String format,
            @RequestParam(defaultValue = "de") String lang, @AuthenticationPrincipal Jwt caller) {
        String number = PhoneNumbers.e164(e164).orElseThrow(() -> new InvalidInputException(List.of(
                new FieldError("e164", "must be a valid phone number in E.164 format"))));
        if (!FORMATS.contains(format)) {
            throw new InvalidInputException("format", "must be pdf, html or json");
        }
        if (!LANGUAGES.contains(lang)) {
            throw new InvalidInputException("lang", "must be de or en");
        }
        return subjects.byContactKey(contactKeys.of(number)).map(stored -> stored.subject())
                .filter(s -> s.status() != SubjectStatus.ERASED)
                .flatMap(s -> assembler.assemble(s, lang, caller.getTokenValue()))
                .map(signed -> answer(signed, format))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    private static ResponseEntity<byte[]> answer(SignedProof signed, String format) {
        String subjectId = signed.content().subject().subjectId();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        return switch (format) {
            case "pdf" -> ok.contentType(MediaType.APPLICATION_PDF).header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename("proof-" + subjectId + ".pdf").build().toString())
                    .body(ProofPdf.render(ProofDocument.of(signed), signed));
            case "html" -> ok.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(ProofHtml.render(ProofDocument.of(signed)).getBytes(StandardCharsets.UTF_8));
            default -> ok.contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename("proof-" + subjectId + ".json").build().toString())
                    .body(signed.toJson().getBytes(StandardCharsets.UTF_8));
        };
    }
}
