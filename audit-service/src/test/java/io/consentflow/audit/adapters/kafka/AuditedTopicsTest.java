package io.consentflow.audit.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;

/** The listeners audit every catalog topic except the compacted consent-state projection, and every DLT. */
class AuditedTopicsTest {

    @Test
    void listenersCoverTheCatalogAndTheConfiguredConsumedTopics() throws Exception {
        List<String> expected = Topics.ALL.stream().map(TopicSpec::name)
                .filter(name -> !name.equals(Topics.CONSENT_STATE.name())).sorted().toList();
        KafkaListener events = AuditListeners.class.getDeclaredMethod("events", List.class)
                .getAnnotation(KafkaListener.class);
        assertThat(Arrays.stream(events.topics()).sorted().toList()).isEqualTo(expected);
        assertThat(Arrays.stream(AuditListeners.SOURCE_TOPICS).sorted().toList()).isEqualTo(expected);
        assertThat(consumedTopicsInApplicationYml()).isEqualTo(expected);

        Pattern deadLetters = Pattern.compile(AuditListeners.class.getDeclaredMethod("deadLetters", List.class)
                .getAnnotation(KafkaListener.class).topicPattern());
        Topics.ALL.forEach(topic -> assertThat(deadLetters.matcher(topic.deadLetter().name()).matches())
                .as(topic.deadLetter().name()).isTrue());
        Topics.ALL.forEach(topic -> assertThat(deadLetters.matcher(topic.name()).matches()).isFalse());
    }

    private static List<String> consumedTopicsInApplicationYml() throws IOException {
        String yml = Files.readString(Path.of("src/main/resources/application.yml"));
        var matcher = Pattern.compile("consumed-topics:\\s*(.+)").matcher(yml);
        assertThat(matcher.find()).isTrue();
        return Arrays.stream(matcher.group(1).split(",")).map(String::trim).sorted().toList();
    }
}
