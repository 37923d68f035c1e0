package org.stemreach.registrations.web;

import org.junit.jupiter.api.Test;
import org.stemreach.registrations.activity.ActivityRuleException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule a page may report has its sentence in Dutch and in English, and both languages have the same keys. */
class MessagesTest {

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everyRuleIsExplainedInBothLanguagesAndTheLanguagesHaveTheSameKeys() throws IOException {
        Properties dutch = bundle("messages.properties");
        Properties english = bundle("messages_en.properties");

        for (ActivityRuleException.Rule rule : ActivityRuleException.Rule.values()) {
            assertThat(dutch).containsKey("rule." + rule.name());
            assertThat(english).containsKey("rule." + rule.name());
        }
        assertThat(english.keySet()).isEqualTo(dutch.keySet());
    }
}
