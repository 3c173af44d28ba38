package io.consentflow.simulator.phones;

import io.consentflow.simulator.SimulatorProperties;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** All simulated phones, in memory and bounded (simulator.max-phones). */
@Component
public class PhoneRegistry {

    private final ConcurrentHashMap<String, Phone> phones = new ConcurrentHashMap<>();
    private final SimulatorProperties properties;

    public PhoneRegistry(SimulatorProperties properties) {
        this.properties = properties;
    }

    /** Creates a phone; empty when the number exists already or the registry is full. */
    public Optional<Phone> create(String number, String name, boolean onWhatsApp, boolean marketingStopped,
            Instant lastInboundAt) {
        if (phones.size() >= properties.maxPhones()) {
            return Optional.empty();
        }
        Phone phone = new Phone(number, name == null || name.isBlank() ? defaultName(number) : name, onWhatsApp,
                marketingStopped, lastInboundAt, properties.maxMessagesPerPhone());
        return phones.putIfAbsent(number, phone) == null ? Optional.of(phone) : Optional.empty();
    }

    public boolean exists(String number) {
        return phones.containsKey(number);
    }

    public Optional<Phone> find(String number) {
        return Optional.ofNullable(phones.get(number));
    }

    /**
     * The phone a Cloud API send goes to. Unknown numbers become phones on WhatsApp when
     * simulator.auto-create-phones is on, so a demo or e2e journey needs no set-up step.
     */
    public Optional<Phone> findOrAutoCreate(String number) {
        Phone existing = phones.get(number);
        if (existing != null || !properties.autoCreatePhones() || phones.size() >= properties.maxPhones()) {
            return Optional.ofNullable(existing);
        }
        return Optional.of(phones.computeIfAbsent(number, n -> new Phone(n, defaultName(n), true, false, null,
                properties.maxMessagesPerPhone())));
    }

    public List<PhoneView> list() {
        return phones.values().stream().map(Phone::view).sorted(Comparator.comparing(PhoneView::number)).toList();
    }

    public void clear() {
        phones.clear();
    }

    private static String defaultName(String number) {
        return "Phone " + number.substring(Math.max(0, number.length() - 4));
    }
}
