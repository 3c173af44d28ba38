package io.consentflow.audit.adapters.web;

import io.consentflow.audit.domain.DeletionCertificates;
import java.util.List;
import java.util.Map;

/** The printable deletion certificate. Every value is HTML-escaped; no script, no external resources. */
final class CertificateHtml {

    private CertificateHtml() {
    }

    @SuppressWarnings("unchecked")
    static String render(DeletionCertificates.Signed signed) {
        Map<String, Object> c = signed.certificate();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Deletion certificate</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;"
                + "margin-bottom:1.5em}td,th{border:1px solid #999;padding:4px;text-align:left;font-size:0.9em;"
                + "word-break:break-all}.ok{color:#060}.bad{color:#b00;font-weight:bold}@media print{body{margin:0}}"
                + "</style></head><body><h1>Deletion certificate</h1><table>");
        for (String field : List.of("erasureId", "subjectId", "scope", "reason", "purpose", "requestedAt", "issuedAt",
                "lastCopyGoneBy")) {
            row(h, field, c.get(field));
        }
        boolean complete = "COMPLETE".equals(c.get("status"));
        h.append("<tr><th>status</th><td class=\"").append(complete ? "ok" : "bad").append("\">")
                .append(esc(c.get("status"))).append("</td></tr></table><h2>Erased (receipts)</h2><table><tr>"
                        + "<th>service</th><th>receipt</th><th>at</th><th>purpose</th><th>messages erased</th>"
                        + "<th>audit entry</th><th>hash</th></tr>");
        for (Map<String, Object> r : (List<Map<String, Object>>) c.get("receipts")) {
            Map<String, Object> entry = (Map<String, Object>) r.get("entry");
            h.append("<tr><td>").append(esc(r.get("service"))).append("</td><td>").append(esc(r.get("type")))
                    .append("</td><td>").append(esc(r.get("at"))).append("</td><td>").append(esc(r.get("purpose")))
                    .append("</td><td>").append(esc(r.get("messagesErased"))).append("</td><td>")
                    .append(esc(entry.get("id"))).append("</td><td><code>").append(esc(entry.get("hash")))
                    .append("</code></td></tr>");
        }
        h.append("</table>");
        List<?> missing = (List<?>) c.get("missingReceipts");
        if (!missing.isEmpty()) {
            h.append("<p class=\"bad\">Receipts still missing: ").append(esc(String.join(", ",
                    missing.stream().map(String::valueOf).toList()))).append("</p>");
        }
        h.append("<h2>What remains and why</h2><table><tr><th>what</th><th>why</th><th>until</th></tr>");
        for (Map<String, Object> r : (List<Map<String, Object>>) c.get("remains")) {
            h.append("<tr><td>").append(esc(r.get("what"))).append("</td><td>").append(esc(r.get("why")))
                    .append("</td><td>").append(esc(r.get("until") == null ? "kept" : r.get("until")))
                    .append("</td></tr>");
        }
        h.append("</table><h2>Signature</h2><p>").append(esc(signed.algorithm())).append(", key id <code>")
                .append(esc(signed.keyId())).append("</code> (public key: /api/v1/audit/checkpoints/key), over the "
                        + "canonical JSON of the certificate:</p>"
                        + "<pre style=\"white-space:pre-wrap;word-break:break-all\">")
                .append(esc(signed.canonical())).append("</pre><p><code>").append(esc(signed.signature()))
                .append("</code></p></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, Object value) {
        h.append("<tr><th>").append(name).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String esc(Object value) {
        if (value == null) {
            return "";
        }
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
