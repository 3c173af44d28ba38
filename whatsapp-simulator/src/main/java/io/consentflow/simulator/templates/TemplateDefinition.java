package io.consentflow.simulator.templates;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An approved template as the simulator knows it (configured in application.yml under simulator.templates).
 *
 * @param body        text with positional placeholders {{1}}, {{2}}, ...
 * @param quickReplies the titles of the template's quick-reply buttons, in order
 * @param status      Meta's review status (APPROVED unless configured otherwise; the control API changes it)
 */
public record TemplateDefinition(
        String name, String language, TemplateCategory category, String header, String body, String footer,
        List<String> quickReplies, TemplateStatus status) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");

    public TemplateDefinition {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        body = body == null ? "" : body;
        status = status == null ? TemplateStatus.APPROVED : status;
    }

    /** This template as Meta's review left it after a change (null: unchanged). */
    public TemplateDefinition changed(TemplateStatus newStatus, TemplateCategory newCategory) {
        return new TemplateDefinition(name, language, newCategory == null ? category : newCategory, header, body,
                footer, quickReplies, newStatus == null ? status : newStatus);
    }

    /** The number of body parameters a send must supply: the highest placeholder index. */
    public int bodyParameterCount() {
        Matcher m = PLACEHOLDER.matcher(body);
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    public String render(List<String> parameters) {
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1)) - 1;
            String value = index < parameters.size() ? parameters.get(index) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
