package io.consentflow.schemas;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.events.StopReceived;
import io.consentflow.events.SubjectErased;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Every top-level event record of the contract, the unit that travels as one Kafka value. */
public final class EventTypes {

    /** The generated package: the only one the Avro decoder is allowed to instantiate. */
    public static final String PACKAGE = "io.consentflow.events";

    public static final List<Class<? extends SpecificRecord>> ALL = List.of(
            OptInRequested.class, OptInConfirmed.class, OptInExpired.class, StopReceived.class,
            PreferencesChanged.class, SubjectErased.class, ConsentSnapshot.class, SendRequest.class,
            MessageSent.class, MessageBlocked.class, MessageFailed.class, MessageStatusChanged.class,
            MessageLogErased.class, InboundMessage.class, MarketingPreferenceChanged.class, ErasureRequested.class,
            StaffAccessRecorded.class);

    private static final Map<String, Class<? extends SpecificRecord>> BY_FULL_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(type -> currentSchema(type).getFullName(), Function.identity()));

    private EventTypes() {
    }

    public static Optional<Class<? extends SpecificRecord>> byFullName(String fullName) {
        return Optional.ofNullable(BY_FULL_NAME.get(fullName));
    }

    public static Schema currentSchema(Class<? extends SpecificRecord> type) {
        try {
            return (Schema) type.getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not a generated Avro record: " + type.getName(), e);
        }
    }
}
