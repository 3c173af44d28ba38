package io.consentflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build fails when a schema change breaks backward or forward compatibility with any kept version, or when a
 * changed schema was not recorded in schema-history (then old readers could not resolve it by fingerprint).
 */
class SchemaEvolutionTests {

    static Stream<Class<? extends SpecificRecord>> eventTypes() {
        return EventTypes.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void currentSchemaIsCompatibleWithEveryKeptVersion(Class<? extends SpecificRecord> type) {
        Schema current = EventTypes.currentSchema(type);
        List<Schema> kept = EventSchemaStore.instance().history(current.getFullName());

        assertThat(kept).as("schema-history/%s must hold at least v1", current.getName()).isNotEmpty();
        assertThat(SchemaCompatibility.problems(current, kept)).as(current.getName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void currentSchemaIsRecordedAsTheLatestVersion(Class<? extends SpecificRecord> type) {
        Schema current = EventTypes.currentSchema(type);
        List<Schema> kept = EventSchemaStore.instance().history(current.getFullName());

        assertThat(EventSchemaStore.fingerprint(kept.get(kept.size() - 1)))
                .as("%s changed: record it with WriteSchemaHistory (schemas/src/test/java) as v%d",
                        current.getName(), kept.size() + 1)
                .isEqualTo(EventSchemaStore.fingerprint(current));
    }

    @Test
    void aDeliberatelyIncompatibleChangeIsRejected() throws IOException {
        Schema incompatible = fixture("incompatible/SendRequest.avsc");
        List<Schema> kept = EventSchemaStore.instance().history(incompatible.getFullName());

        List<String> problems = SchemaCompatibility.problems(incompatible, kept);

        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("backward"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("/fields/"));
    }

    @Test
    void anAdditiveChangeWithADefaultIsAccepted() throws IOException {
        Schema additive = fixture("compatible/SendRequest.avsc");
        List<Schema> kept = EventSchemaStore.instance().history(additive.getFullName());

        assertThat(SchemaCompatibility.problems(additive, kept)).isEmpty();
    }

    private static Schema fixture(String path) throws IOException {
        try (InputStream in = SchemaEvolutionTests.class.getClassLoader().getResourceAsStream(path)) {
            return new Schema.Parser().parse(in);
        }
    }
}
