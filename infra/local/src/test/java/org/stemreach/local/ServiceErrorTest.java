package org.stemreach.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that stops while starting: the launcher says why in words, from the last error in its ECS log. */
class ServiceErrorTest {

    @TempDir
    Path dir;

    @Test
    void theLastErrorsMessageInPlainWords() throws Exception {
        Path log = dir.resolve("registrations.log");
        Files.write(log, List.of(
                "{\"@timestamp\":\"2026-11-23T16:44:15Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"x\"},\"message\":\"Starting\"}",
                "{\"@timestamp\":\"2026-11-23T16:44:16Z\",\"log\":{\"level\":\"ERROR\",\"logger\":\"o.s.b.d.LoggingFailureAnalysisReporter\"},"
                        + "\"message\":\"\\n\\n***************************\\nAPPLICATION FAILED TO START\\n***************************\\n\\n"
                        + "Description:\\n\\nWeb server failed to start. Port 8081 was already in use.\\n\\nAction:\\n\\nIdentify and stop the \\\"process\\\".\"}",
                "{\"@timestamp\":\"2026-11-23T16:44:17Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"x\"},\"message\":\"Stopped\"}"));

        assertThat(ServiceProcess.lastError(log)).hasValue("APPLICATION FAILED TO START Description: Web server failed to start. "
                + "Port 8081 was already in use. Action: Identify and stop the \"process\".");
        assertThat(ServiceProcess.lastError(dir.resolve("missing.log"))).isEmpty();
        Files.write(dir.resolve("calm.log"), List.of("{\"log\":{\"level\":\"INFO\"},\"message\":\"fine\"}"));
        assertThat(ServiceProcess.lastError(dir.resolve("calm.log"))).isEmpty();
    }
}
