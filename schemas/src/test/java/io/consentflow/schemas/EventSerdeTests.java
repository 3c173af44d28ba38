package io.consentflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.events.SendRequest;
import io.consentflow.events.MessageCategory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerdeTests {

    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    static Stream<Class<? extends SpecificRecord>> eventTypes() {
        return EventTypes.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTypeRoundTripsInSingleObjectEncoding(Class<? extends SpecificRecord> type) {
        Random random = new Random(type.getName().hashCode());
        for (int i = 0; i < 50; i++) {
            SpecificRecord event = RandomEvents.of(type, random);
            byte[] bytes = serializer.serialize("any-topic", event);

            assertThat(bytes[0]).isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(fingerprint).isEqualTo(EventSchemaStore.fingerprint(EventTypes.currentSchema(type)));
            assertThat(deserializer.deserialize("any-topic", bytes)).isEqualTo(event);
        }
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaVersionIsReadByTheCurrentReader() throws Exception {
        Schema v1 = EventSchemaStore.instance().history(SendRequest.getClassSchema().getFullName()).get(0);
        assertThat(v1.getField("buttons")).as("v1 predates reply buttons").isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("occurredAt", 1_700_000_000_000L);
        old.put("producer", "campaign-systems");
        old.put("requestId", "r-1");
        old.put("to", "+4915112345678");
        old.put("category", new GenericData.EnumSymbol(v1.getField("category").schema(), "MARKETING"));
        old.put("purpose", "offers");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        SpecificRecord read = deserializer.deserialize("send-requests", bytes);

        assertThat(read).isInstanceOf(SendRequest.class);
        SendRequest request = (SendRequest) read;
        assertThat(request.getRequestId()).isEqualTo("r-1");
        assertThat(request.getCategory()).isEqualTo(MessageCategory.MARKETING);
        assertThat(request.getButtons()).isEmpty();
        assertThat(request.getSubjectId()).isNull();
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(serializer.serialize("consent-state", null)).isNull();
        assertThat(deserializer.deserialize("consent-state", null)).isNull();
    }

    @Test
    void anUnknownFingerprintIsAClearError() {
        byte[] bytes = serializer.serialize("t", RandomEvents.of(SendRequest.class, new Random(1)));
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> deserializer.deserialize("send-requests", bytes))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown schema fingerprint")
                .hasMessageContaining("send-requests");
    }

    @Test
    void bytesWithoutTheSingleObjectHeaderAreAClearError() {
        assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("bad header");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {(byte) 0xC3, 0x01, 1}))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("bad header");
    }

    @Test
    void aTruncatedBodyIsAClearError() {
        byte[] full = serializer.serialize("t", RandomEvents.of(SendRequest.class, new Random(2)));
        byte[] truncated = java.util.Arrays.copyOf(full, 14);

        assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("corrupt SendRequest");
    }

    @Test
    void garbageAfterAValidHeaderFailsFastWithoutHangingOrHugeAllocations() {
        Random random = new Random(42);
        byte[] valid = serializer.serialize("t", RandomEvents.of(SendRequest.class, random));
        for (int i = 0; i < 5_000; i++) {
            byte[] fuzzed = valid.clone();
            for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                int position = 10 + random.nextInt(fuzzed.length - 10);
                fuzzed[position] = (byte) random.nextInt(256);
            }
            try {
                SpecificRecord decoded = deserializer.deserialize("t", fuzzed);
                assertThat(decoded).isInstanceOf(SendRequest.class);
            } catch (EventDecodingException expected) {
                assertThat(expected.getMessage()).contains("SendRequest");
            }
        }
    }
}
