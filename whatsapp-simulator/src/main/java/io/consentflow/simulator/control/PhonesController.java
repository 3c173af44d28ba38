package io.consentflow.simulator.control;

import io.consentflow.simulator.control.ControlDtos.CreatePhone;
import io.consentflow.simulator.control.ControlDtos.InboundRequest;
import io.consentflow.simulator.control.ControlDtos.InboundResponse;
import io.consentflow.simulator.control.ControlDtos.MarketingPreference;
import io.consentflow.simulator.control.ControlDtos.UpdatePhone;
import io.consentflow.simulator.phones.ChatEntry;
import io.consentflow.simulator.phones.Phone;
import io.consentflow.simulator.phones.PhoneRegistry;
import io.consentflow.simulator.phones.PhoneView;
import io.consentflow.simulator.webhook.StatusLifecycle;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control API's phone resources (docs/architecture.md#whatsapp-simulator): create phones, read chats, act as the
 * phone.
 */
@RestController
@RequestMapping("/sim/v1/phones")
public class PhonesController {

    private final PhoneRegistry phones;
    private final InboundService inbound;
    private final StatusLifecycle lifecycle;

    public PhonesController(PhoneRegistry phones, InboundService inbound, StatusLifecycle lifecycle) {
        this.phones = phones;
        this.inbound = inbound;
        this.lifecycle = lifecycle;
    }

    @PostMapping
    public ResponseEntity<PhoneView> create(@Valid @RequestBody CreatePhone request) {
        if (phones.exists(request.number())) {
            throw new ControlException(HttpStatus.CONFLICT, "number", "Phone " + request.number() + " exists.");
        }
        Phone phone = phones.create(request.number(), request.name(), !Boolean.FALSE.equals(request.onWhatsApp()),
                Boolean.TRUE.equals(request.marketingStopped()), request.lastInboundAt())
                .orElseThrow(() -> new ControlException(HttpStatus.CONFLICT, "number",
                        "Phone " + request.number() + " exists or the phone limit is reached."));
        return ResponseEntity.created(URI.create("/sim/v1/phones/" + phone.number())).body(phone.view());
    }

    @GetMapping
    public List<PhoneView> list() {
        return phones.list();
    }

    @GetMapping("/{number}")
    public PhoneView get(@PathVariable String number) {
        return phone(number).view();
    }

    @PatchMapping("/{number}")
    public PhoneView update(@PathVariable String number, @RequestBody UpdatePhone request) {
        Phone phone = phone(number);
        phone.update(request.onWhatsApp(), request.marketingStopped(), request.lastInboundAt());
        return phone.view();
    }

    @GetMapping("/{number}/messages")
    public List<ChatEntry> chat(@PathVariable String number) {
        return phone(number).chat();
    }

    @PostMapping("/{number}/messages")
    public InboundResponse send(@PathVariable String number, @RequestBody InboundRequest request) {
        boolean hasText = request.text() != null && !request.text().isBlank();
        boolean hasButton = request.buttonPayload() != null && !request.buttonPayload().isEmpty();
        if (hasText == hasButton) {
            throw new ControlException(HttpStatus.BAD_REQUEST, "text", "Set exactly one of text or buttonPayload.");
        }
        Phone phone = phoneOrAutoCreate(number);
        return new InboundResponse(hasText ? inbound.sendText(phone, request.text())
                : inbound.tapButton(phone, request.buttonPayload()));
    }

    @PostMapping("/{number}/marketing-preference")
    public PhoneView marketingPreference(@PathVariable String number,
            @Valid @RequestBody MarketingPreference request) {
        Phone phone = phone(number);
        inbound.marketingPreference(phone, request.value());
        return phone.view();
    }

    /** The user opened the chat: delivered messages become read (only matters when auto-read is off). */
    @PostMapping("/{number}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void read(@PathVariable String number) {
        lifecycle.markRead(phone(number));
    }

    private Phone phone(String number) {
        validNumber(number);
        return phones.find(number).orElseThrow(() -> ControlException.notFound(number));
    }

    private Phone phoneOrAutoCreate(String number) {
        validNumber(number);
        return phones.findOrAutoCreate(number).orElseThrow(() -> ControlException.notFound(number));
    }

    private static void validNumber(String number) {
        if (!number.matches(ControlDtos.NUMBER)) {
            throw new ControlException(HttpStatus.BAD_REQUEST, "number",
                    "must be E.164 digits without +, e.g. 4915112345678");
        }
    }
}
