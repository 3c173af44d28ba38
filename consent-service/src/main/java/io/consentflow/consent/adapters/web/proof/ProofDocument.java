package io.consentflow.consent.adapters.web.proof;

import io.consentflow.proof.Check;
import io.consentflow.proof.ProofBundle;
import io.consentflow.proof.SignedProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The printable proof as sections of labelled rows, each row with its check result where it has one: written once,
 * rendered as HTML ({@link ProofHtml}) and PDF ({@link ProofPdf}).
 */
record ProofDocument(String title, String language, List<Section> sections) {

    /** @param ok null for a plain value, else whether the check of this row passed */
    record Row(String label, String value, Boolean ok) {
    }

    record Section(String heading, List<Row> rows) {
    }

    private static final Pattern WAMID = Pattern.compile("wamid=(\\S+)");
    private static final Pattern OPT_IN = Pattern.compile("optInId=(\\S+)");
    private static final Pattern METHOD = Pattern.compile("method=(\\S+)");

    static ProofDocument of(SignedProof signed) {
        ProofBundle bundle = signed.content();
        ProofTexts t = ProofTexts.of(bundle.language());
        List<Section> sections = new ArrayList<>();
        var who = bundle.subject();
        sections.add(new Section(t.get("subject"), List.of(new Row(t.get("number"), who.phoneNumber(), null),
                new Row(t.get("subjectId"), who.subjectId(), null), new Row(t.get("status"), who.status(), null),
                new Row(t.get("purposes"), String.join(", ", who.purposes()), null),
                new Row(t.get("generatedAt"), bundle.generatedAt(), null))));
        long failed = bundle.checks().stream().filter(c -> !c.ok()).count();
        sections.add(new Section(t.get("result"), List.of(new Row(t.get("result"), failed == 0
                ? t.get("allPassed", bundle.checks().size()) : t.get("someFailed", failed, bundle.checks().size()),
                failed == 0))));
        for (ProofBundle.EvidenceItem item : bundle.evidence()) {
            sections.add(evidence(t, bundle, item));
        }
        sections.add(entries(t, bundle, t.get("withdrawals"), List.of("StopReceived")));
        sections.add(entries(t, bundle, t.get("preferences"), List.of("PreferencesChanged")));
        sections.add(entries(t, bundle, t.get("otherEntries"), null));
        sections.add(new Section(t.get("history"), bundle.history().stream()
                .map(h -> new Row(h.at(), h.event() + (h.detail() == null ? "" : " - " + h.detail()), null)).toList()));
        sections.add(checks(t, t.get("chains"), bundle, "chain "));
        sections.add(checks(t, t.get("checkpoints"), bundle, "checkpoint "));
        sections.add(checks(t, t.get("audit"), bundle, "audit log"));
        sections.add(new Section(t.get("signature"), List.of(new Row(t.get("keyId"), signed.keyId(), null),
                new Row(t.get("publicKey"), signed.publicKey(), null),
                new Row(t.get("howToVerify"), t.get("verifyText"), null))));
        return new ProofDocument(t.get("title"), bundle.language(), sections);
    }

    private static Section evidence(ProofTexts t, ProofBundle bundle, ProofBundle.EvidenceItem item) {
        List<Row> rows = new ArrayList<>(List.of(new Row(t.get("at"), item.at(), null),
                new Row(t.get("channel"), item.channel(), null),
                new Row(t.get("clientAddress"), orNone(t, item.clientAddress()), null),
                new Row(t.get("userAgent"), orNone(t, item.userAgent()), null),
                new Row(t.get("page"), orNone(t, item.pageUrl()), null),
                new Row(t.get("noticeVersion"), item.noticeVersion(), null),
                new Row(t.get("consentText"), item.consentText(), null),
                new Row(t.get("consentTextHash"), item.consentTextHash(), null),
                new Row(t.get("initiating"), orNone(t, item.initiatingMessageId()), null)));
        Optional<ProofBundle.HistoryItem> confirmed = bundle.history().stream()
                .filter(h -> "OptInConfirmed".equals(h.event()) && item.optInId().equals(group(OPT_IN, h.detail())))
                .findFirst();
        rows.add(new Row(t.get("confirmation"), confirmed.map(h -> h.at() + ", " + group(METHOD, h.detail()))
                .orElse(t.get("notConfirmed")), null));
        confirmed.map(h -> group(WAMID, h.detail())).ifPresent(wamid -> rows.add(new Row(t.get("confirmingMessage"),
                wamid, null)));
        rows.add(new Row(t.get("digest"), item.digest(), null));
        bundle.checks().stream().filter(c -> c.subject().equals("evidence " + item.optInId()))
                .forEach(c -> rows.add(new Row(t.check(c.name()), c.detail(), c.ok())));
        return new Section(t.get("evidence", item.optInId()), rows);
    }

    /** The subject's audit entries of {@code types} (null: every other type), with their chain-position checks. */
    private static Section entries(ProofTexts t, ProofBundle bundle, String heading, List<String> types) {
        Map<String, ProofBundle.Row> rows = new java.util.HashMap<>();
        bundle.segments().forEach(s -> s.rows().forEach(r -> rows.putIfAbsent(s.chainId() + "#" + r.sequence(), r)));
        List<Row> shown = new ArrayList<>();
        for (ProofBundle.EntryRef entry : bundle.entries()) {
            boolean listed = List.of("StopReceived", "PreferencesChanged").contains(entry.type());
            if (types == null ? listed : !types.contains(entry.type())) {
                continue;
            }
            ProofBundle.Row row = rows.get(entry.chainId() + "#" + entry.sequence());
            Map<String, Object> content = row == null ? Map.of() : ProofBundle.content(row);
            String subject = entry.type() + " " + entry.chainId() + " #" + entry.sequence();
            Optional<Check> check = bundle.checks().stream().filter(c -> c.subject().equals(subject)).findFirst();
            shown.add(new Row(entry.type() + " " + time(content.get("occurredAt")), summary(content)
                    + " | " + t.get("position") + ": " + entry.chainId() + " #" + entry.sequence() + " | "
                    + check.map(Check::detail).orElse(""), check.map(Check::ok).orElse(false)));
        }
        if (shown.isEmpty()) {
            shown.add(new Row(heading, t.get("none"), null));
        }
        return new Section(heading, shown);
    }

    private static Section checks(ProofTexts t, String heading, ProofBundle bundle, String prefix) {
        return new Section(heading, bundle.checks().stream().filter(c -> c.subject().startsWith(prefix))
                .map(c -> new Row(c.subject() + ": " + t.check(c.name()), c.detail(), c.ok())).toList());
    }

    @SuppressWarnings("unchecked")
    private static String summary(Map<String, Object> content) {
        Map<String, Object> payload = content.get("payload") instanceof Map<?, ?> map ? (Map<String, Object>) map
                : Map.of();
        List<String> parts = new ArrayList<>();
        for (String key : List.of("trigger", "scope", "purposesWithdrawn", "purposesBefore", "purposesAfter",
                "purposes", "method", "source", "noticeVersion", "evidenceDigest", "reason", "erasureId")) {
            if (payload.get(key) != null) {
                parts.add(key + "=" + payload.get(key));
            }
        }
        return String.join(", ", parts);
    }

    private static String time(Object epochMillis) {
        return epochMillis instanceof Number n ? java.time.Instant.ofEpochMilli(n.longValue()).toString() : "";
    }

    private static String orNone(ProofTexts t, String value) {
        return value == null || value.isBlank() || "null".equals(value) ? t.get("none") : value;
    }

    private static String group(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
