package io.consentflow.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Seeded, fully populated instances of any event: every field set, nullable ones sometimes null. */
final class RandomEvents {

    private RandomEvents() {
    }

    static SpecificRecord of(Class<? extends SpecificRecord> type, Random random) {
        return (SpecificRecord) value(EventTypes.currentSchema(type), SpecificData.getForClass(type), random);
    }

    private static Object value(Schema schema, SpecificData model, Random random) {
        return switch (schema.getType()) {
            case RECORD -> {
                var record = (SpecificRecord) model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), model, random));
                }
                yield record;
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                Schema branch = branches.get(random.nextInt(branches.size()));
                yield branch.getType() == Schema.Type.NULL ? null : value(branch, model, random);
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(schema.getElementType(), model, random));
                }
                yield items;
            }
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())),
                    schema);
            case STRING -> "s" + Long.toHexString(random.nextLong()) + (random.nextBoolean() ? "äö€" : "");
            case LONG -> "timestamp-millis".equals(schema.getProp("logicalType"))
                    || schema.getLogicalType() != null
                    ? Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000))
                    : random.nextLong();
            case INT -> random.nextInt(200_000);
            case BOOLEAN -> random.nextBoolean();
            default -> throw new IllegalArgumentException("no generator for " + schema.getType());
        };
    }
}
