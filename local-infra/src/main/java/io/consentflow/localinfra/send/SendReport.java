package io.consentflow.localinfra.send;

import io.consentflow.localinfra.send.GatewayTimeline.Found;
import io.consentflow.localinfra.send.GatewayTimeline.NotYet;
import io.consentflow.localinfra.send.OutcomeWaiter.Waited;
import io.consentflow.localinfra.send.RequestPublisher.Published;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The few lines {@code send} prints: a label column, then the facts; times in the terminal's time zone. */
final class SendReport {

    private static final String INDENT = " ".repeat(11);

    private final DateTimeFormatter clock;

    SendReport(ZoneId zone) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
    }

    /** The first lines, printed as soon as the broker acknowledged: the requestId is what one looks up later. */
    List<String> published(String requestId, Published published, SendArguments args) {
        return List.of(label("requestId") + requestId,
                label("published") + published.topic() + " partition " + published.partition() + " offset "
                        + published.offset() + " (" + args.category() + " " + args.template() + "/"
                        + args.language() + ", purpose " + args.purpose() + ", campaign "
                        + CampaignRequests.CAMPAIGN_ID + ")");
    }

    List<String> notFollowed() {
        return List.of(label("outcome") + "not followed (--wait 0)");
    }

    /** The outcome line, then the timeline when the gateway has one. */
    List<String> outcome(Waited waited, Duration wait) {
        List<String> lines = new ArrayList<>();
        if (waited.last() instanceof Found found) {
            Timeline timeline = found.timeline();
            lines.add(label("outcome") + (timeline.decided() ? decided(timeline, waited.elapsed())
                    : "none within " + wait.toSeconds() + "s (still " + timeline.state() + ")"));
            lines.addAll(entries(timeline));
        } else if (waited.last() instanceof NotYet notYet) {
            lines.add(label("outcome") + "none within " + wait.toSeconds() + "s (" + notYet.why() + ")");
        }
        return lines;
    }

    private static String decided(Timeline timeline, Duration elapsed) {
        StringBuilder line = new StringBuilder(timeline.state());
        timeline.outcomeEntry().map(Timeline.Entry::detail).filter(d -> d != null && !d.isBlank())
                .ifPresent(detail -> line.append(' ').append(detail));
        if (timeline.wamid() != null) {
            line.append(' ').append(timeline.wamid());
        }
        return line.append(" (after ").append(seconds(elapsed)).append(')').toString();
    }

    private List<String> entries(Timeline timeline) {
        List<String> lines = new ArrayList<>();
        for (Timeline.Entry entry : timeline.timeline()) {
            String text = time(entry.at()) + "  " + entry.kind()
                    + (entry.detail() == null || entry.detail().isBlank() ? "" : "  " + entry.detail());
            lines.add((lines.isEmpty() ? label("timeline") : INDENT) + text);
        }
        return lines;
    }

    private String time(String at) {
        if (at == null) {
            return "?" + " ".repeat(11);
        }
        try {
            return clock.format(Instant.parse(at));
        } catch (DateTimeException e) {
            return at; // shown as the gateway wrote it rather than hidden
        }
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }

    private static String label(String name) {
        return String.format(Locale.ROOT, "%-11s", name);
    }
}
