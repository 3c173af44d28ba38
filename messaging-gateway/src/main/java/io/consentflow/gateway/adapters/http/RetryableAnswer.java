package io.consentflow.gateway.adapters.http;

import io.consentflow.gateway.app.CallResult;

/** A throttling or 5xx answer, as the circuit breaker is told of it (it counts the 5xx ones). */
final class RetryableAnswer extends RuntimeException {

    final transient CallResult result;

    RetryableAnswer(CallResult result) {
        super("cloud api " + result.httpStatus() + " / " + result.errorCode(), null, false, false);
        this.result = result;
    }
}
