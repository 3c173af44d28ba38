package io.consentflow.proof;

/**
 * One check and its outcome, in words a DPO can read: {@code subject} is what was checked (an evidence item, an
 * entry, a checkpoint), {@code detail} says why it passed or failed.
 */
public record Check(String subject, String name, boolean ok, String detail) {

    public static Check pass(String subject, String name, String detail) {
        return new Check(subject, name, true, detail);
    }

    public static Check fail(String subject, String name, String detail) {
        return new Check(subject, name, false, detail);
    }

    public String line() {
        return (ok ? "[ OK ] " : "[FAIL] ") + subject + ": " + name + (detail == null ? "" : " - " + detail);
    }
}
