package io.consentflow.localinfra.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.events.MessageCategory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SendArgumentsTest {

    private static final String TO = "+4915123456789";

    /** Bad invocations and the whole line each must print on stderr; SendCommandTest runs them against Kafka. */
    static final Map<List<String>, String> BAD = new LinkedHashMap<>();

    static {
        BAD.put(List.of(), "send: --to is required (an E.164 number such as +4915123456789)");
        BAD.put(List.of("--template", "new_collection"),
                "send: --to is required (an E.164 number such as +4915123456789)");
        BAD.put(List.of("--to", TO), "send: --template is required (a WhatsApp template name such as new_collection)");
        BAD.put(List.of("--to", "+49 1512 3456789", "--template", "new_collection"),
                "send: --to '+49 1512 3456789' is not a valid E.164 number (e.g. +4915123456789)");
        BAD.put(List.of("--to", "004915123456789", "--template", "new_collection"),
                "send: --to '004915123456789' is not a valid E.164 number (e.g. +4915123456789)");
        BAD.put(List.of("--to", "+4912", "--template", "new_collection"),
                "send: --to '+4912' is not a valid E.164 number (e.g. +4915123456789)");
        // E.164 in shape, but libphonenumber judges them: no German number starts 0, no country has code 999
        BAD.put(List.of("--to", "+49000000000", "--template", "new_collection"),
                "send: --to '+49000000000' is not a valid E.164 number (e.g. +4915123456789)");
        BAD.put(List.of("--to", "+99912345678", "--template", "new_collection"),
                "send: --to '+99912345678' is not a valid E.164 number (e.g. +4915123456789)");
        BAD.put(List.of("--to", "+49151\n23456789", "--template", "new_collection"),
                "send: --to '+49151\\u000a23456789' is not a valid E.164 number (e.g. +4915123456789)");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--colour", "red"),
                "send: unknown option '--colour'");
        BAD.put(List.of("--to", TO, "--template", ""),
                "send: --template is empty (a WhatsApp template name such as new_collection)");
        BAD.put(List.of("--to", TO, "--template=", "--lang", "de"),
                "send: --template is empty (a WhatsApp template name such as new_collection)");
        BAD.put(List.of("--to", TO, "--template", "New Collection"),
                "send: --template 'New Collection' is not a template name (lowercase letters, digits and _)");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--category", "PROMO"),
                "send: --category 'PROMO' is not MARKETING or UTILITY");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--category", "SERVICE"),
                "send: --category 'SERVICE' is not MARKETING or UTILITY");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--lang", "German"),
                "send: --lang 'German' is not a template language code such as de, en or pt_BR");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--purpose", "two words"),
                "send: --purpose 'two words' is not a purpose name such as offers");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--param", " "),
                "send: --param is empty (WhatsApp refuses empty template parameters)");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--wait", "soon"),
                "send: --wait 'soon' is not a whole number of seconds from 0 to 600");
        BAD.put(List.of("--to", TO, "--template", "new_collection", "--wait", "601"),
                "send: --wait '601' is not a whole number of seconds from 0 to 600");
        BAD.put(List.of("--to", TO, "--to", "+4915198765432", "--template", "new_collection"),
                "send: --to is given more than once");
        BAD.put(List.of("--template", "new_collection", "--to"), "send: --to needs a value");
        BAD.put(List.of("--to", "--template", "new_collection"), "send: --to needs a value");
        BAD.put(List.of(TO, "--template", "new_collection"),
                "send: unexpected argument '+4915123456789' (options are --name VALUE)");
    }

    static Stream<Arguments> badInvocations() {
        return BAD.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest
    @MethodSource("badInvocations")
    void aBadInvocationIsOneLineOnStderrAndExitCodeTwo(List<String> args, String line) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        // a broker address that nothing listens on: reaching Kafka would show as a hang or a different error
        int exit = SendCommand.run(args, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator());
        assertThat(out.size()).isZero();
    }

    @Test
    void fillsTheDefaultsACampaignSystemWouldUse() throws Exception {
        SendArguments args = SendArguments.parse(List.of("--to", TO, "--template", "new_collection"));

        assertThat(args).isEqualTo(new SendArguments(TO, "new_collection", "de", "offers", List.of(),
                MessageCategory.MARKETING, Duration.ofSeconds(30)));
    }

    @Test
    void acceptsBothOptionFormsAndKeepsParametersInOrder() throws Exception {
        SendArguments args = SendArguments.parse(List.of("--to=" + TO, "--template", "order_update", "--param",
                "A-1001", "--lang=en_US", "--param=--shipped--", "--category", "utility", "--wait", "0",
                "--purpose", "new-collections"));

        assertThat(args).isEqualTo(new SendArguments(TO, "order_update", "en_US", "new-collections",
                List.of("A-1001", "--shipped--"), MessageCategory.UTILITY, Duration.ZERO));
    }

    @Test
    void longValuesAreShortenedInTheErrorLine() {
        String longNumber = "+49" + "1".repeat(60);
        assertThatThrownBy(() -> SendArguments.parse(List.of("--to", longNumber, "--template", "t")))
                .hasMessage("--to '" + longNumber.substring(0, 40) + "...' is not a valid E.164 number "
                        + "(e.g. +4915123456789)");
    }

    @Test
    void helpIsPrintedOnStdout() {
        var out = new ByteArrayOutputStream();
        int exit = SendCommand.run(List.of("--help"), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: ./run-local.sh send --to +49...");
    }
}
