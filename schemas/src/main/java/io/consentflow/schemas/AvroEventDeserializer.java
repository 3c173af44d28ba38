package io.consentflow.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any event in Avro single-object encoding. The writer schema is looked up by fingerprint in the
 * {@link EventSchemaStore} (every version ever kept), then resolved to the current generated class, so one topic can
 * carry several record types and old records decode with today's reader. Anything else fails fast with an
 * {@link EventDecodingException}: wrap this in spring-kafka's ErrorHandlingDeserializer so the record goes to the DLT.
 */
public class AvroEventDeserializer implements Deserializer<SpecificRecord> {

    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    static {
        TrustedClasses.register();
        DecoderLimits.apply();
    }

    private final EventSchemaStore store;
    private final Map<Class<? extends SpecificRecord>, BinaryMessageDecoder<SpecificRecord>> decoders =
            new ConcurrentHashMap<>();

    public AvroEventDeserializer() {
        this(EventSchemaStore.instance());
    }

    AvroEventDeserializer(EventSchemaStore store) {
        this.store = store;
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        Schema writer = writerSchemaOf(topic, data);
        Class<? extends SpecificRecord> type = EventTypes.byFullName(writer.getFullName())
                .orElseThrow(() -> new EventDecodingException(
                        "record type " + writer.getFullName() + " on " + topic + " is not a ConsentFlow event"));
        try {
            return decoders.computeIfAbsent(type, this::decoderFor).decode(data);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("corrupt " + writer.getName() + " body on " + topic, e);
        }
    }

    private Schema writerSchemaOf(String topic, byte[] data) {
        if (data.length < HEADER_LENGTH || data[0] != MAGIC_0 || data[1] != MAGIC_1) {
            throw new EventDecodingException("value on " + topic + " is not Avro single-object encoded (bad header, "
                    + data.length + " bytes)");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = store.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new EventDecodingException(String.format(
                    "unknown schema fingerprint %016x on %s: written by a newer producer whose schema is not in this "
                            + "build's schema-history", fingerprint, topic));
        }
        return writer;
    }

    private BinaryMessageDecoder<SpecificRecord> decoderFor(Class<? extends SpecificRecord> type) {
        return new BinaryMessageDecoder<>(SpecificData.getForClass(type), EventTypes.currentSchema(type), store);
    }
}
