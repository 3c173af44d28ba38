package io.consentflow.audit.adapters.web;

import io.consentflow.audit.domain.ProofReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The printable proof-of-consent page. Every value is HTML-escaped; no script, no external resources. */
final class ProofHtml {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final Map<String, Map<String, String>> LABELS = Map.of(
            "de", Map.ofEntries(Map.entry("title", "Einwilligungsnachweis"), Map.entry("subject", "Betroffene Person (ID)"),
                    Map.entry("generated", "Erstellt"), Map.entry("requests", "Einwilligungsanfragen (Double-Opt-in)"),
                    Map.entry("confirmations", "Bestätigungen"), Map.entry("withdrawals", "Widerrufe"),
                    Map.entry("preferences", "Änderungen der Zwecke"), Map.entry("messages", "Nachrichten (angefordert, gesendet, blockiert)"),
                    Map.entry("lifecycle", "Weitere Ereignisse"), Map.entry("positions", "Positionen in der Prüfkette"),
                    Map.entry("verification", "Prüfergebnis"), Map.entry("valid", "Kette unverändert und vollständig"),
                    Map.entry("invalid", "KETTE BESCHÄDIGT"), Map.entry("time", "Zeitpunkt"),
                    Map.entry("purposes", "Zwecke"), Map.entry("notice", "Version der Datenschutzhinweise"),
                    Map.entry("evidence", "Digest der Nachweise"), Map.entry("text", "Hash des Einwilligungstextes"),
                    Map.entry("method", "Bestätigungsweg"), Map.entry("source", "Quelle"),
                    Map.entry("trigger", "Auslöser"), Map.entry("scope", "Umfang"), Map.entry("none", "keine"),
                    Map.entry("checkpoint", "Letzter signierter Checkpoint"), Map.entry("entries", "geprüfte Einträge")),
            "en", Map.ofEntries(Map.entry("title", "Proof of consent"), Map.entry("subject", "Data subject (ID)"),
                    Map.entry("generated", "Generated"), Map.entry("requests", "Consent requests (double opt-in)"),
                    Map.entry("confirmations", "Confirmations"), Map.entry("withdrawals", "Withdrawals"),
                    Map.entry("preferences", "Purpose changes"), Map.entry("messages", "Messages (requested, sent, blocked)"),
                    Map.entry("lifecycle", "Other events"), Map.entry("positions", "Positions in the audit chain"),
                    Map.entry("verification", "Verification"), Map.entry("valid", "Chain unaltered and complete"),
                    Map.entry("invalid", "CHAIN BROKEN"), Map.entry("time", "Time"), Map.entry("purposes", "Purposes"),
                    Map.entry("notice", "Privacy notice version"), Map.entry("evidence", "Evidence digest"),
                    Map.entry("text", "Consent text hash"), Map.entry("method", "Confirmation method"),
                    Map.entry("source", "Source"), Map.entry("trigger", "Trigger"), Map.entry("scope", "Scope"),
                    Map.entry("none", "none"), Map.entry("checkpoint", "Latest signed checkpoint"),
                    Map.entry("entries", "entries checked")));

    private ProofHtml() {
    }

    static String render(ProofReport r, String lang) {
        Map<String, String> l = LABELS.get(lang);
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\"><title>")
                .append(l.get("title")).append("</title><style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #999;"
                        + "padding:4px;text-align:left;font-size:0.9em;word-break:break-all}"
                        + ".ok{color:#060}.bad{color:#b00;font-weight:bold}@media print{body{margin:0}}</style>"
                        + "</head><body>");
        h.append("<h1>").append(l.get("title")).append("</h1><p>").append(l.get("subject")).append(": <code>")
                .append(esc(r.subjectId())).append("</code><br>").append(l.get("generated")).append(": ")
                .append(time(r.generatedAt())).append("</p>");
        var v = r.verification();
        h.append("<h2>").append(l.get("verification")).append("</h2><p class=\"").append(v.valid() ? "ok" : "bad")
                .append("\">").append(v.valid() ? l.get("valid") : l.get("invalid") + ": "
                        + esc(v.failure().reason())).append(" (").append(v.entriesChecked()).append(' ')
                .append(l.get("entries")).append("; ").append(l.get("checkpoint")).append(": #")
                .append(v.latestCheckpoint()).append(")</p>");
        table(h, l.get("requests"), l, List.of(l.get("time"), "Opt-in", l.get("purposes"), l.get("source"),
                l.get("notice"), l.get("text"), l.get("evidence")), r.requests().stream().map(q -> row(
                time(q.at()), q.optInId(), String.join(", ", q.purposes()), q.source(), q.noticeVersion(),
                q.consentTextHash(), q.evidenceDigest())).toList());
        table(h, l.get("confirmations"), l, List.of(l.get("time"), "Opt-in", l.get("method"), l.get("purposes"),
                l.get("evidence")), r.confirmations().stream().map(c -> row(time(c.at()), c.optInId(),
                c.method(), String.join(", ", c.purposes()), c.evidenceDigest())).toList());
        table(h, l.get("withdrawals"), l, List.of(l.get("time"), l.get("trigger"), l.get("scope"), l.get("purposes")),
                r.withdrawals().stream().map(w -> row(time(w.at()), w.trigger(), w.scope(),
                        String.join(", ", w.purposesWithdrawn()))).toList());
        table(h, l.get("preferences"), l, List.of(l.get("time"), "before", "after"), r.preferenceChanges().stream()
                .map(p -> row(time(p.at()), String.join(", ", p.before()), String.join(", ", p.after()))).toList());
        table(h, l.get("messages"), l, List.of(l.get("time"), "Request", "Category", l.get("purposes"), "Campaign",
                "Outcome"), r.messages().stream().map(m -> row(time(m.at()), m.requestId(), m.category(),
                m.purpose(), m.campaignId(), m.outcome())).toList());
        table(h, l.get("lifecycle"), l, List.of(l.get("time"), "Type", "Detail"), r.lifecycle().stream()
                .map(e -> row(time(e.at()), e.type(), e.detail())).toList());
        table(h, l.get("positions"), l, List.of("Entry", "Chain", "#", "Type", l.get("time"), "SHA-256"),
                r.chainPositions().stream().map(p -> row(p.entryId(), p.chainId(), Long.toString(p.sequence()),
                        p.type(), time(p.recordedAt()), p.hash())).toList());
        return h.append("</body></html>").toString();
    }

    private static void table(StringBuilder h, String title, Map<String, String> l, List<String> headers,
            List<List<String>> rows) {
        h.append("<h2>").append(esc(title)).append("</h2>");
        if (rows.isEmpty()) {
            h.append("<p>").append(l.get("none")).append("</p>");
            return;
        }
        h.append("<table><tr>");
        headers.forEach(name -> h.append("<th>").append(esc(name)).append("</th>"));
        h.append("</tr>");
        for (List<String> row : rows) {
            h.append("<tr>");
            row.forEach(cell -> h.append("<td>").append(esc(cell)).append("</td>"));
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static List<String> row(String... cells) {
        return java.util.Arrays.asList(cells);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
