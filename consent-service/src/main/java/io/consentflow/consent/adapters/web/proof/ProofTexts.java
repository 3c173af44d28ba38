package io.consentflow.consent.adapters.web.proof;

import java.util.Map;

/** The labels of the printable proof, German and English. */
final class ProofTexts {

    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("title", new String[] {"Nachweis der Einwilligung", "Proof of consent"}),
            Map.entry("subject", new String[] {"Betroffene Person", "Data subject"}),
            Map.entry("number", new String[] {"Telefonnummer", "Phone number"}),
            Map.entry("subjectId", new String[] {"Subjekt-ID", "Subject id"}),
            Map.entry("status", new String[] {"Status", "Status"}),
            Map.entry("purposes", new String[] {"Zwecke", "Purposes"}),
            Map.entry("generatedAt", new String[] {"Erstellt am (UTC)", "Generated at (UTC)"}),
            Map.entry("result", new String[] {"Ergebnis der Prüfungen", "Result of the checks"}),
            Map.entry("allPassed", new String[] {"Alle %d Prüfungen bestanden", "All %d checks passed"}),
            Map.entry("someFailed", new String[] {"%d von %d Prüfungen fehlgeschlagen", "%d of %d checks failed"}),
            Map.entry("evidence", new String[] {"Einwilligung (Opt-in %s)", "Consent (opt-in %s)"}),
            Map.entry("at", new String[] {"Zeitpunkt (UTC)", "Time (UTC)"}),
            Map.entry("channel", new String[] {"Kanal", "Channel"}),
            Map.entry("clientAddress", new String[] {"Client-Adresse", "Client address"}),
            Map.entry("userAgent", new String[] {"User-Agent", "User agent"}),
            Map.entry("page", new String[] {"Seite", "Page"}),
            Map.entry("noticeVersion", new String[] {"Version der Datenschutzhinweise", "Privacy-notice version"}),
            Map.entry("consentText", new String[] {"Einwilligungstext", "Consent text"}),
            Map.entry("consentTextHash", new String[] {"SHA-256 des Textes", "SHA-256 of the text"}),
            Map.entry("initiating", new String[] {"Auslösende WhatsApp-Nachricht (wamid)",
                    "Initiating WhatsApp message (wamid)"}),
            Map.entry("confirmation", new String[] {"Bestätigung", "Confirmation"}),
            Map.entry("confirmingMessage", new String[] {"Bestätigende Nachricht (wamid)",
                    "Confirming message (wamid)"}),
            Map.entry("notConfirmed", new String[] {"nicht bestätigt", "not confirmed"}),
            Map.entry("digest", new String[] {"Evidenz-Digest", "Evidence digest"}),
            Map.entry("withdrawals", new String[] {"Widerrufe", "Withdrawals"}),
            Map.entry("preferences", new String[] {"Änderungen der Zwecke", "Preference changes"}),
            Map.entry("otherEntries", new String[] {"Weitere Einträge des Prüfprotokolls", "Other audit-log entries"}),
            Map.entry("none", new String[] {"keine", "none"}),
            Map.entry("position", new String[] {"Position in der Kette", "Chain position"}),
            Map.entry("history", new String[] {"Verlauf (consent-service)", "History (consent-service)"}),
            Map.entry("checkpoints", new String[] {"Signierte Checkpoints", "Signed checkpoints"}),
            Map.entry("chains", new String[] {"Kettenabschnitte", "Chain segments"}),
            Map.entry("audit", new String[] {"Prüfprotokoll (audit-service)", "Audit log (audit-service)"}),
            Map.entry("signature", new String[] {"Signatur dieses Nachweises", "Signature of this proof"}),
            Map.entry("keyId", new String[] {"Schlüssel-ID", "Key id"}),
            Map.entry("publicKey", new String[] {"Öffentlicher Schlüssel (X.509, Base64)", "Public key (X.509, base64)"}),
            Map.entry("howToVerify", new String[] {"Unabhängig prüfen",
                    "Verify independently"}),
            Map.entry("verifyText", new String[] {
                    "Die signierte JSON-Fassung ist diesem PDF als Anhang proof.json beigefügt. Prüfung ohne jeden Dienst: "
                            + "./run-local.sh verify-proof DATEI oder java -jar proof-verifier-standalone.jar DATEI "
                            + "--audit-key SCHLÜSSEL --proof-key SCHLÜSSEL --witness ORDNER --tsa-cert DATEI",
                    "The signed JSON form is attached to this PDF as proof.json. To check it without any service: "
                            + "./run-local.sh verify-proof FILE or java -jar proof-verifier-standalone.jar FILE "
                            + "--audit-key KEY --proof-key KEY --witness FOLDER --tsa-cert FILE"}),
            Map.entry("check.consent text", new String[] {"Einwilligungstext geprüft", "consent text"}),
            Map.entry("check.evidence digest", new String[] {"Evidenz-Digest nachgerechnet", "evidence digest"}),
            Map.entry("check.chained digest", new String[] {"Digest im Prüfprotokoll", "chained digest"}),
            Map.entry("check.chain position", new String[] {"Position in der Kette", "chain position"}),
            Map.entry("check.links", new String[] {"Verkettung", "links"}),
            Map.entry("check.entry hash", new String[] {"Hash des Eintrags", "entry hash"}),
            Map.entry("check.covered", new String[] {"durch Checkpoint gedeckt", "covered"}),
            Map.entry("check.signature", new String[] {"Signatur", "signature"}),
            Map.entry("check.timestamp", new String[] {"Zeitstempel (RFC 3161)", "timestamp (RFC 3161)"}),
            Map.entry("check.series", new String[] {"Reihe der Checkpoints", "checkpoint series"}),
            Map.entry("check.number", new String[] {"Nummer", "number"}),
            Map.entry("check.verification", new String[] {"Prüfung durch audit-service", "verification by audit-service"}),
            Map.entry("check.chain data", new String[] {"Kettendaten", "chain data"}),
            Map.entry("ok", new String[] {"OK", "OK"}),
            Map.entry("failed", new String[] {"FEHLER", "FAILED"}));

    private final int index;

    private ProofTexts(int index) {
        this.index = index;
    }

    static ProofTexts of(String language) {
        return new ProofTexts("en".equals(language) ? 1 : 0);
    }

    /** The label of a check by its name; an unknown name stays as it is. */
    String check(String name) {
        String[] text = TEXTS.get("check." + name);
        return text == null ? name : text[index];
    }

    String get(String key, Object... args) {
        String[] text = TEXTS.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no proof text " + key);
        }
        return args.length == 0 ? text[index] : String.format(text[index], args);
    }
}
