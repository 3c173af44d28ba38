package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.cloudapi.CloudApiDtos.ErrorBody;
import io.consentflow.simulator.cloudapi.CloudApiDtos.ErrorData;
import io.consentflow.simulator.cloudapi.CloudApiDtos.ErrorResponse;

/** Renders Cloud API failures as Meta does: {"error":{message, type, code, error_subcode?, error_data, fbtrace_id}}. */
final class CloudApiErrors {

    /** Meta's answer to a bad token carries this challenge. */
    static final String INVALID_TOKEN_CHALLENGE = "OAuth \"Facebook Platform\" \"invalid_token\"";

    private CloudApiErrors() {
    }

    static ErrorResponse body(CloudApiException e) {
        CloudApiError error = e.error();
        boolean whatsAppError = error.code() >= 130000 || error.code() == 100;
        return new ErrorResponse(new ErrorBody(
                "(#" + error.code() + ") " + error.title(),
                error == CloudApiError.UNKNOWN_OBJECT ? "GraphMethodException" : "OAuthException",
                error.code(),
                error == CloudApiError.UNKNOWN_OBJECT ? 33 : null,
                whatsAppError ? new ErrorData("whatsapp", e.details()) : null,
                Ids.fbtraceId()));
    }
}
