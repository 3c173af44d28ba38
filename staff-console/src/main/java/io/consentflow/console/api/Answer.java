package io.consentflow.console.api;

/**
 * A service's answer as a page shows it: the body when it answered 2xx, otherwise why not. A page never fails
 * because one service refused or is down; it says so where that service's part would be.
 *
 * @param status  the HTTP status, or 0 when the service could not be reached
 * @param body    the decoded body of a 2xx answer, else null
 * @param detail  the problem's detail (or title) of a refusal, for the page
 */
public record Answer<T>(int status, T body, String detail) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean denied() {
        return status == 401 || status == 403;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean unavailable() {
        return status == 0 || status >= 500;
    }

    /** One word for the page: OK, DENIED, NOT_FOUND, UNAVAILABLE or REFUSED (any other 4xx). */
    public String outcome() {
        if (ok()) {
            return "OK";
        }
        if (denied()) {
            return "DENIED";
        }
        if (notFound()) {
            return "NOT_FOUND";
        }
        return unavailable() ? "UNAVAILABLE" : "REFUSED";
    }
}
