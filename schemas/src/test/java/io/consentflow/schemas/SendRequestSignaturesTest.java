package io.consentflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SendRequestSignaturesTest {

    private static final byte[] KEY = "a-test-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-test-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);

    static SendRequest request() {
        var body = TemplateComponent.newBuilder().setType("body").setSubType(null).setIndex(null)
                .setParameters(List.of(new TemplateParameter("text", "Brand"))).build();
        return SendRequest.newBuilder().setEventId("e-1").setOccurredAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setProducer(Services.CONSENT).setRequestId("consent-1").setTo("+4917612345678")
                .setCategory(MessageCategory.UTILITY).setPurpose(null)
                .setTemplate(new TemplateMessage("optin_confirmation", "de", List.of(body))).setText(null)
                .setButtons(List.of()).setCampaignId(null).setSubjectId("subject-1")
                .setNotAfter(Instant.parse("2026-12-03T10:00:00Z")).build();
    }

    static SendRequest signed(SendRequest request, String signer, byte[] key) {
        request.setSignature(SendRequestSignatures.sign(request, signer, key));
        return request;
    }

    @Test
    void aSignedRequestVerifiesForItsSignerAndKeyOnly() {
        SendRequest request = signed(request(), Services.CONSENT, KEY);

        assertThat(request.getSignature()).startsWith("v1:consent-service:");
        assertThat(SendRequestSignatures.signerOf(request.getSignature())).isEqualTo(Services.CONSENT);
        assertThat(SendRequestSignatures.verify(request, Services.CONSENT, KEY)).isTrue();
        assertThat(SendRequestSignatures.verify(request, Services.CONSENT, OTHER_KEY)).isFalse();
        // the signer's name is inside the mac: the same key under another name does not verify
        assertThat(SendRequestSignatures.verify(request, "helpdesk", KEY)).isFalse();
    }

    @Test
    void signingIsDeterministicSoARepublishedRequestCarriesTheSameSignature() {
        assertThat(SendRequestSignatures.sign(request(), Services.CONSENT, KEY))
                .isEqualTo(SendRequestSignatures.sign(request(), Services.CONSENT, KEY));
    }

    static Stream<Arguments> tamperings() {
        return Stream.<Arguments>of(
                Arguments.of("requestId", (Consumer<SendRequest>) r -> r.setRequestId("consent-2")),
                Arguments.of("to", (Consumer<SendRequest>) r -> r.setTo("+4917612345679")),
                Arguments.of("category", (Consumer<SendRequest>) r -> r.setCategory(MessageCategory.MARKETING)),
                Arguments.of("purpose", (Consumer<SendRequest>) r -> r.setPurpose("offers")),
                Arguments.of("template name", (Consumer<SendRequest>) r -> r.getTemplate().setName("new_collection")),
                Arguments.of("template language", (Consumer<SendRequest>) r -> r.getTemplate().setLanguage("en")),
                Arguments.of("template parameter", (Consumer<SendRequest>) r -> r.getTemplate().getComponents()
                        .get(0).getParameters().get(0).setValue("Other brand")),
                Arguments.of("text", (Consumer<SendRequest>) r -> r.setText("hello")),
                Arguments.of("buttons", (Consumer<SendRequest>) r -> r.setButtons(List.of(new ReplyButton("p", "t")))),
                Arguments.of("campaignId", (Consumer<SendRequest>) r -> r.setCampaignId("c")),
                Arguments.of("subjectId", (Consumer<SendRequest>) r -> r.setSubjectId("subject-2")),
                Arguments.of("notAfter", (Consumer<SendRequest>) r -> r.setNotAfter(null)),
                Arguments.of("signature signer", (Consumer<SendRequest>) r -> r.setSignature(
                        r.getSignature().replace("consent-service", "consent-servicf"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void changingAnyDecidingFieldInvalidatesTheSignature(String field, Consumer<SendRequest> tamper) {
        SendRequest request = signed(request(), Services.CONSENT, KEY);

        tamper.accept(request);

        assertThat(SendRequestSignatures.verify(request, Services.CONSENT, KEY)).isFalse();
    }

    @Test
    void fieldsThatDecideNothingMayDifferAndValuesCannotShiftAcrossFieldBoundaries() {
        SendRequest request = signed(request(), Services.CONSENT, KEY);
        request.setEventId("e-2");
        request.setProducer("anyone");
        assertThat(SendRequestSignatures.verify(request, Services.CONSENT, KEY)).isTrue();

        SendRequest a = request();
        a.setCampaignId("ab");
        a.setSubjectId("c");
        SendRequest b = request();
        b.setCampaignId("a");
        b.setSubjectId("bc");
        assertThat(SendRequestSignatures.sign(a, "x", KEY)).isNotEqualTo(SendRequestSignatures.sign(b, "x", KEY));
    }

    @Test
    void malformedSignaturesNameNoSignerAndBadSignerNamesAreRefused() {
        assertThat(SendRequestSignatures.signerOf(null)).isNull();
        assertThat(SendRequestSignatures.signerOf("consent-service")).isNull();
        assertThat(SendRequestSignatures.signerOf("v2:consent-service:abc")).isNull();
        assertThat(SendRequestSignatures.signerOf("v1:Consent Service:abc")).isNull();
        SendRequest unsigned = request();
        assertThat(SendRequestSignatures.verify(unsigned, Services.CONSENT, KEY)).isFalse();
        assertThatThrownBy(() -> SendRequestSignatures.sign(unsigned, "a:b", KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("signer:");
    }
}
