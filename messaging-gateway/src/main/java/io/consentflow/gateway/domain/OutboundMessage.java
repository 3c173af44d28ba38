package io.consentflow.gateway.domain;

import java.util.List;

/**
 * What the Cloud API is asked to deliver: the recipient and the content, nothing of the Avro request it came from.
 *
 * @param requestId travels as {@code biz_opaque_callback_data}, so Meta's status webhooks name the request
 * @param to        recipient in E.164 (with '+'), only ever held in memory
 */
public record OutboundMessage(String requestId, String to, Content content) {

    /** One of the three kinds of message the gateway sends. */
    public sealed interface Content {
    }

    /** A registered template with its parameters. */
    public record Template(String name, String language, List<Component> components) implements Content {
    }

    /** A template component: header, body, button (with sub type and index) or footer. */
    public record Component(String type, String subType, Integer index, List<Parameter> parameters) {
    }

    /** A template parameter: {@code text} or {@code payload}. */
    public record Parameter(String type, String value) {
    }

    /** Free text. */
    public record Text(String body) implements Content {
    }

    /** Free text with up to three reply buttons. */
    public record Buttons(String body, List<Button> buttons) implements Content {
    }

    public record Button(String payload, String title) {
    }
}
