package io.consentflow.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The evolution rule of the contract: a schema must stay backward compatible (today's reader reads every kept
 * writer version) and forward compatible (every kept reader reads today's writer) with every earlier version, so
 * producers and consumers can be upgraded in any order.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Every incompatibility between {@code candidate} and the kept versions, described; empty when it may ship. */
    public static List<String> problems(Schema candidate, List<Schema> keptVersions) {
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < keptVersions.size(); index++) {
            Schema kept = keptVersions.get(index);
            String version = candidate.getName() + " v" + (index + 1);
            describe(problems, "backward: current reader cannot read " + version,
                    org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(candidate, kept));
            describe(problems, "forward: " + version + " reader cannot read the current writer",
                    org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(kept, candidate));
        }
        return problems;
    }

    private static void describe(List<String> problems, String direction, SchemaPairCompatibility result) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(direction + " ("
                    + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage() + ")"));
        }
    }
}
