package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Templates are what Meta registered: unknown and unapproved ones are refused before any consent rule. */
class GateTemplateTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
    private static final String BERLIN = "+4915112345678";
    private static final ConsentFacts CONFIRMED = new ConsentFacts("s", ConsentStatus.CONFIRMED,
            Set.of("offers", "support"), false);

    private final Gate gate = new Gate(new GatePolicy(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 1, Duration.ofDays(7),
            Duration.ofHours(24)));

    private static Outgoing template(Category category, Authority authority, TemplateState state) {
        return new Outgoing(BERLIN, category, "support", true, "s", NOON.plusSeconds(60), authority, state);
    }

    @Test
    void unknownAndUnapprovedTemplatesAreRefusedWhateverTheConsentOrSignature() {
        for (Authority authority : Authority.values()) {
            assertThat(gate.decide(template(Category.UTILITY, authority, TemplateState.UNKNOWN), CONFIRMED, null, 0,
                    NOON).refusal()).isEqualTo(Refusal.TEMPLATE_UNKNOWN);
            assertThat(gate.decide(template(Category.UTILITY, authority, TemplateState.NOT_APPROVED), CONFIRMED,
                    null, 0, NOON).refusal()).isEqualTo(Refusal.TEMPLATE_NOT_APPROVED);
        }
        assertThat(gate.decide(template(Category.UTILITY, Authority.NONE, TemplateState.APPROVED), CONFIRMED, null,
                0, NOON).allowed()).isTrue();
    }

    @Test
    void theRegisteredCategoryDecidesTheRules() {
        // registered MARKETING: the frequency cap (1 here) applies, and purpose "support" is not "offers"
        var asMarketing = new Outgoing(BERLIN, Category.MARKETING, "offers", true, null, null, Authority.NONE,
                TemplateState.APPROVED);
        assertThat(gate.decide(asMarketing, CONFIRMED, null, 1, NOON).refusal()).isEqualTo(Refusal.FREQUENCY_CAP);
        // consent-service's signature exempts a UTILITY template only: one registered MARKETING needs consent
        assertThat(gate.decide(template(Category.MARKETING, Authority.CONSENT_SERVICE, TemplateState.APPROVED), null,
                null, 0, NOON).refusal()).isEqualTo(Refusal.NO_CONSENT);
    }

    @Test
    void freeTextHasNoTemplateToLookUp() {
        var text = new Outgoing(BERLIN, Category.UTILITY, "support", false, null, null, Authority.NONE, null);
        assertThat(text.templateState()).isEqualTo(TemplateState.NONE);
        assertThat(gate.decide(text, CONFIRMED, NOON.minusSeconds(5), 0, NOON).allowed()).isTrue();
        assertThat(new Outgoing(BERLIN, Category.UTILITY, null, true, null, null, null, null).templateState())
                .as("a template nobody looked up is unknown").isEqualTo(TemplateState.UNKNOWN);
    }

    @Test
    void theCatalogIsReplacedAsAWhole() {
        var catalog = new TemplateCatalog();
        assertThat(catalog.loadedAt()).isNull();
        catalog.replace(List.of(new RegisteredTemplate("offer", "de", Category.MARKETING, "APPROVED"),
                new RegisteredTemplate("offer", "en", Category.MARKETING, "PAUSED")), NOON);
        assertThat(catalog.find("offer", "de").approved()).isTrue();
        assertThat(catalog.find("offer", "en").approved()).isFalse();
        assertThat(catalog.find("offer", "fr")).isNull();
        catalog.replace(List.of(), NOON.plusSeconds(1));
        assertThat(catalog.find("offer", "de")).isNull();
        assertThat(catalog.loadedAt()).isEqualTo(NOON.plusSeconds(1));
    }
}
