package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.cloudapi.CloudApiDtos.ErrorBody;
import io.consentflow.simulator.cloudapi.CloudApiDtos.ErrorData;
import io.consentflow.simulator.cloudapi.CloudApiDtos.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders Cloud API failures as Meta does: {"error":{message, type, code, error_data, fbtrace_id}}. */
// Ahead of Boot's problem-details advice, which would otherwise answer with its generic body.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = CloudApiController.class)
public class CloudApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CloudApiExceptionHandler.class);

    @ExceptionHandler(CloudApiException.class)
    public ResponseEntity<ErrorResponse> handle(CloudApiException e) {
        CloudApiError error = e.error();
        log.debug("cloud api error {}: {}", error.code(), e.details());
        boolean whatsAppError = error.code() >= 130000 || error.code() == 100;
        ErrorBody body = new ErrorBody(
                "(#" + error.code() + ") " + error.title(),
                error == CloudApiError.UNKNOWN_OBJECT ? "GraphMethodException" : "OAuthException",
                error.code(),
                error == CloudApiError.UNKNOWN_OBJECT ? 33 : null,
                whatsAppError ? new ErrorData("whatsapp", e.details()) : null,
                Ids.fbtraceId());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON);
        if (error == CloudApiError.INVALID_TOKEN) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "OAuth \"Facebook Platform\" \"invalid_token\"");
        }
        return response.body(new ErrorResponse(body));
    }
}
