package io.consentflow.gateway.adapters.web;

import java.time.Instant;
import java.util.List;

/**
 * One send request as a campaign system posts it to the REST API (docs/producers.md#rest): the Kafka record's fields a
 * campaign may set. {@code subjectId}, {@code text} and {@code signature} are read only to be refused by name: they
 * belong to consent-service's own messages and to signed customer-service replies.
 */
record SendRequestBody(String requestId, String to, String category, String purpose, Template template,
        String campaignId, Instant notAfter, String subjectId, String text, String signature) {

    record Template(String name, String language, List<Component> components) {
    }

    record Component(String type, String subType, Integer index, List<Parameter> parameters) {
    }

    record Parameter(String type, String value) {
    }
}
