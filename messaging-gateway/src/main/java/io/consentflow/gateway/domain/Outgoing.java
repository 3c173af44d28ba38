package io.consentflow.gateway.domain;

import java.time.Instant;

/**
 * A message the gate decides on.
 *
 * @param to          recipient in E.164 (with '+'), only ever held in memory
 * @param category    WhatsApp category: for a template the one Meta registered it in, else the declared one
 * @param purpose     consent purpose the message serves (null: none named)
 * @param template    true when the message is a pre-approved template, false for free text
 * @param subjectId   set by consent-service for its own messages (confirmation templates); grants nothing by itself
 * @param notAfter    do not send after this instant (null: no limit)
 * @param authority   what the request's verified signature allows without consent
 * @param templateState what the business account's catalog says of the template
 */
public record Outgoing(String to, Category category, String purpose, boolean template, String subjectId,
        Instant notAfter, Authority authority, TemplateState templateState) {

    /** An unsigned message with an approved template (or free text): every consent rule applies to it. */
    public Outgoing(String to, Category category, String purpose, boolean template, String subjectId,
            Instant notAfter) {
        this(to, category, purpose, template, subjectId, notAfter, Authority.NONE);
    }

    /** A message whose template (if any) is approved. */
    public Outgoing(String to, Category category, String purpose, boolean template, String subjectId,
            Instant notAfter, Authority authority) {
        this(to, category, purpose, template, subjectId, notAfter, authority,
                template ? TemplateState.APPROVED : TemplateState.NONE);
    }

    public Outgoing {
        authority = authority == null ? Authority.NONE : authority;
        templateState = templateState == null ? (template ? TemplateState.UNKNOWN : TemplateState.NONE)
                : templateState;
    }
}
