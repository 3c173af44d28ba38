package io.consentflow.rules.intent;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The module's own example tables, read where they are written: every {@code (text, intent)} table of a
 * parameterized test that asserts the recogniser's reading of each text, and the consents
 * {@code OrdinaryRepliesTest} holds may not be asked about (YES or NONE). {@code ModelCandidatesHarness} asks whether
 * a model and its thresholds keep them, beside {@code OrdinaryRepliesTest}, before an operating point may ship.
 */
final class ModuleExamples {

    private static final List<Class<?>> TESTS = List.of(IntentRecogniserTest.class, OptOutHalvesTest.class,
            OptOutModelTest.class, WithdrawalClassesTest.class);

    private ModuleExamples() {
    }

    /** The examples the recogniser reads otherwise than their tables say, as "text: expected, read". */
    static List<String> misread(IntentRecogniser recogniser) {
        List<String> out = new ArrayList<>();
        for (String consent : OrdinaryRepliesTest.CONSENTS_NEVER_ASKED) {
            Intent read = recogniser.classify(consent).intent();
            if (read != Intent.YES && read != Intent.NONE) {
                out.add(consent + ": YES or NONE, read " + read);
            }
        }
        for (Class<?> test : TESTS) {
            for (Method method : test.getDeclaredMethods()) {
                CsvSource table = method.getAnnotation(CsvSource.class);
                Class<?>[] parameters = method.getParameterTypes();
                if (table == null || parameters.length != 2 || parameters[0] != String.class
                        || parameters[1] != Intent.class) {
                    continue;
                }
                for (String row : table.value()) {
                    int split = row.lastIndexOf(table.delimiter());
                    String text = unquoted(row.substring(0, split).strip());
                    Intent expected = Intent.valueOf(row.substring(split + 1).strip());
                    Intent read = recogniser.classify(text).intent();
                    if (read != expected) {
                        out.add(text + ": " + expected + ", read " + read);
                    }
                }
            }
        }
        return out;
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                ? text.substring(1, text.length() - 1).replace("''", "'") : text;
    }
}
