package io.consentflow.console.api;

/** A document a service produced (export, proof bundle), passed to the browser as it came. */
public record Download(byte[] bytes, String contentType, String contentDisposition) {
}
