package io.consentflow.localinfra.send;

import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The SendRequest a campaign system writes for one template message (as the e2e journeys and the load tests do). */
public final class CampaignRequests {

    public static final String CAMPAIGN_ID = "run-local-cli";
    /** Campaigns bound their sends; an hour leaves room for quiet hours and pacing on a local run. */
    static final Duration VALIDITY = Duration.ofHours(1);

    private CampaignRequests() {
    }

    public static SendRequest of(SendArguments args, String requestId, Instant now) {
        return SendRequest.newBuilder()
                .setEventId(Events.newEventId())
                .setOccurredAt(now)
                .setProducer(Services.CAMPAIGN_SYSTEMS)
                .setRequestId(requestId)
                .setTo(args.to())
                .setCategory(args.category())
                .setPurpose(args.purpose())
                .setTemplate(template(args))
                .setText(null)
                .setButtons(List.of())
                .setCampaignId(CAMPAIGN_ID)
                // only consent-service names the subject; the gateway looks a campaign's number up itself
                .setSubjectId(null)
                .setNotAfter(now.plus(VALIDITY))
                .build();
    }

    /** The parameters fill the body's {{1}}, {{2}} ...; a template without parameters is sent without components. */
    private static TemplateMessage template(SendArguments args) {
        List<TemplateComponent> components = args.params().isEmpty() ? List.of()
                : List.of(TemplateComponent.newBuilder().setType("body").setSubType(null).setIndex(null)
                        .setParameters(args.params().stream().map(p -> new TemplateParameter("text", p)).toList())
                        .build());
        return TemplateMessage.newBuilder().setName(args.template()).setLanguage(args.language())
                .setComponents(components).build();
    }
}
