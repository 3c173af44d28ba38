package io.consentflow.gateway.app;

import io.consentflow.events.BlockReason;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.schemas.Services;
import org.apache.avro.specific.SpecificRecord;

/** The message-events event announcing an outcome, built from the typed claim and outcome, never from documents. */
final class OutcomeEvents {

    private OutcomeEvents() {
    }

    static SpecificRecord of(RequestClaim claim, SendOutcome outcome) {
        MessageCategory category = MessageCategory.valueOf(claim.category().name());
        if (outcome instanceof SendOutcome.Blocked blocked) {
            return MessageBlocked.newBuilder().setEventId(blocked.eventId()).setOccurredAt(blocked.at())
                    .setProducer(Services.GATEWAY).setRequestId(claim.requestId()).setSubjectId(claim.subjectId())
                    .setReason(BlockReason.valueOf(blocked.reason().name())).setCategory(category)
                    .setPurpose(claim.purpose()).setCampaignId(claim.campaignId())
                    .setDetail(blocked.summary()).build();
        }
        if (outcome instanceof SendOutcome.Sent sent) {
            return MessageSent.newBuilder().setEventId(sent.eventId()).setOccurredAt(sent.at())
                    .setProducer(Services.GATEWAY).setRequestId(claim.requestId()).setSubjectId(claim.subjectId())
                    .setWamid(sent.wamid()).setCategory(category).setPurpose(claim.purpose())
                    .setCampaignId(claim.campaignId()).build();
        }
        var failed = MessageFailed.newBuilder().setEventId(outcome.eventId()).setOccurredAt(outcome.at())
                .setProducer(Services.GATEWAY).setRequestId(claim.requestId()).setSubjectId(claim.subjectId())
                .setCategory(category);
        if (outcome instanceof SendOutcome.Failed f) {
            return failed.setErrorCode(f.errorCode()).setErrorTitle(f.errorTitle()).setRetryable(f.retryable())
                    .setAmbiguous(false).setDeferredUntil(f.deferredUntil()).build();
        }
        SendOutcome.Ambiguous ambiguous = (SendOutcome.Ambiguous) outcome;
        return failed.setErrorCode(0).setErrorTitle(ambiguous.reason()).setRetryable(false).setAmbiguous(true)
                .build();
    }
}
