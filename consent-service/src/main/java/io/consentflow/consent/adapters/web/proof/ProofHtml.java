package io.consentflow.consent.adapters.web.proof;

import org.springframework.web.util.HtmlUtils;

/** The printable HTML proof: one self-contained page (inline styles, no script), every value escaped. */
final class ProofHtml {

    private ProofHtml() {
    }

    static String render(ProofDocument document) {
        StringBuilder html = new StringBuilder(16_384).append("<!DOCTYPE html><html lang=\"")
                .append(document.language()).append("\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(document.title())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#111}h1{font-size:1.5em}")
                .append("h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #999}")
                .append("table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:.25em .5em;")
                .append("border-bottom:1px solid #ddd;word-break:break-word}td.label{width:28%;color:#333}")
                .append(".ok{color:#0a6b2d;font-weight:bold}.failed{color:#b00020;font-weight:bold}")
                .append("@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}")
                .append("</style></head><body><h1>").append(escape(document.title())).append("</h1>");
        for (ProofDocument.Section section : document.sections()) {
            html.append("<h2>").append(escape(section.heading())).append("</h2><table>");
            for (ProofDocument.Row row : section.rows()) {
                html.append("<tr><td class=\"label\">").append(escape(row.label())).append("</td><td>");
                if (row.ok() != null) {
                    ProofTexts t = ProofTexts.of(document.language());
                    html.append("<span class=\"").append(row.ok() ? "ok" : "failed").append("\" data-check=\"")
                            .append(row.ok() ? "ok" : "failed").append("\">")
                            .append(row.ok() ? t.get("ok") : t.get("failed")).append("</span> ");
                }
                html.append(escape(row.value())).append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.append("</body></html>").toString();
    }

    private static String escape(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
