package io.consentflow.consent.app;

import java.util.List;

/**
 * Body of {@code POST /api/v1/opt-ins}.
 *
 * @param phoneNumber   E.164, e.g. +4915112345678
 * @param purposes      configured purpose names the subject ticked
 * @param locale        de or en: language of the confirmation message
 * @param noticeVersion version of the privacy notice shown
 * @param consentText   the exact consent text shown (stored encrypted; its SHA-256 goes into the events)
 * @param source        WEB_FORM or API (default API)
 */
public record OptInRequest(String phoneNumber, List<String> purposes, String locale, String noticeVersion,
        String consentText, String source) {
}
