package org.stemreach.local;

import org.stemreach.kafkaprocess.ChildProcess;
import org.stemreach.kafkaprocess.KafkaBroker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One service, run from its Spring Boot jar in its own JVM, configured through environment variables. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceSpec spec;
    private final Path jar;
    private ChildProcess process;

    ServiceProcess(ServiceSpec spec, Path jar) {
        this.spec = spec;
        this.jar = jar;
    }

    ServiceSpec spec() {
        return spec;
    }

    String baseUrl() {
        return "http://localhost:" + spec.port();
    }

    void start(String kafka, String mongo, Path workDir, Path logDir, Map<String, String> extraEnvironment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(spec.name() + " is not built (" + jar + " missing): run ./mvnw -DskipTests install first");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(spec.port()));
        // This machine only: the local users and the demo's simulated times are not for the network.
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("SPRING_MONGODB_URI", mongo);
        environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        environment.put("STEMREACH_KAFKA_BROKERS", kafka);
        // mongo-java-server cannot answer the actuator's Mongo health check; real MongoDB (compose) can.
        environment.put("MANAGEMENT_HEALTH_MONGODB_ENABLED", "false");
        environment.putAll(extraEnvironment);
        List<String> command = new ArrayList<>(List.of(Launch.javaExecutable()));
        // Small and quick to start by default; STEMREACH_JVM_OPTS replaces these (e.g. for benchmarks, full JIT).
        String options = System.getenv().getOrDefault("STEMREACH_JVM_OPTS",
                "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m");
        command.addAll(List.of(options.trim().split("\\s+")));
        command.addAll(List.of("-Dfile.encoding=UTF-8", "-jar", jar.toAbsolutePath().toString()));
        process = ChildProcess.start(spec.name(), command, environment, workDir, logDir.resolve(spec.name() + ".log"), line -> false);
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " stopped while starting" + lastError(process.logFile())
                        .map(error -> ": " + error).orElse("") + " (the whole story: " + process.logFile() + ")");
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(spec.name() + " was not ready within " + timeout.toSeconds() + " s; see " + process.logFile());
            }
            Launch.pause(Duration.ofMillis(250));
        }
    }

    private static final java.util.regex.Pattern MESSAGE = java.util.regex.Pattern.compile("\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The message of the last error a service logged (its log is ECS JSON, one event a line), in plain words: what
     * Spring Boot says when a start fails ("Description: ... Action: ..."), shortened.
     */
    static java.util.Optional<String> lastError(java.nio.file.Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return java.util.Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.contains("level\":\"ERROR\"")) { // "log":{"level":"ERROR",...} (or "log.level" of older formats)
                continue;
            }
            java.util.regex.Matcher message = MESSAGE.matcher(line);
            if (message.find()) {
                String text = message.group(1).replace("\\n", " ").replace("\\t", " ").replace("\\\"", "\"").replace("\\\\", "\\")
                        .replaceAll("\\*{3,}", " ").replaceAll("\\s+", " ").strip();
                return java.util.Optional.of(text.length() > 400 ? text.substring(0, 399) + "…" : text);
            }
        }
        return java.util.Optional.empty();
    }

    void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    ChildProcess process() {
        return process;
    }
}
