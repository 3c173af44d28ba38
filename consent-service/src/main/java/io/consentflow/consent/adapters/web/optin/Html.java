package io.consentflow.consent.adapters.web.optin;

/** Minimal server-side HTML: escaping and one accessible page frame (no scripts, no build step). */
final class Html {

    private Html() {
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String lang, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(lang) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
                + "color:#111}label{display:block;margin:.25rem 0}input[type=tel]{font-size:1rem;padding:.4rem;"
                + "width:100%;max-width:20rem}button{font-size:1rem;padding:.5rem 1rem;margin-top:1rem}"
                + "fieldset{border:1px solid #888;margin:1rem 0}.error{color:#a00000}"
                + ":focus{outline:3px solid #1a5fb4;outline-offset:2px}</style></head><body><main>"
                + "<h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }
}
