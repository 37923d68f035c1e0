package org.stemreach.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemreach.model.period.ReportingPeriodScheme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command itself, as a user runs it: the packaged launcher ({@code java -jar
 * infra/local/target/stemreach-local.jar}, built by the package phase before this test) starts Kafka, the Mongo-wire
 * server persisted to disk, the mail catcher and all five services, loads the demo year through the public APIs, and
 * stops everything on SIGTERM (Ctrl-C). Only the ports and the data directory are moved, through the environment
 * variables the README names, so that it can run beside anything else.
 */
class LauncherJarIT {

    private static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @Test
    void theReadmesRunCommandStartsEveryServiceLoadsTheDemoYearAndStopsEverythingOnCtrlC() throws Exception {
        Path jar = HOME.resolve("infra/local/target/stemreach-local.jar");
        assertThat(jar).as("packaged before the integration tests").exists();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String port : List.of("STEMREACH_KAFKA_PORT", "STEMREACH_KAFKA_CONTROLLER_PORT", "STEMREACH_MONGO_PORT", "STEMREACH_MAIL_PORT",
                "STEMREACH_MAIL_WEB_PORT", "STEMREACH_GATEWAY_PORT", "STEMREACH_REGISTRATIONS_PORT", "STEMREACH_COACHING_TRAJECTORIES_PORT",
                "STEMREACH_CONTENT_DOWNLOADS_PORT", "STEMREACH_ANALYTICS_PORT")) {
            // Below the range of outgoing connections' ports, never the same twice (a port the system picked could be
            // taken by one of the platform's own connections before the service binds it).
            environment.put(port, String.valueOf(Launch.freePort()));
        }
        environment.put("STEMREACH_DATA", data.toString());
        environment.put("STEMREACH_HOME", HOME.toString());
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(HOME.toFile()).redirectErrorStream(true);
        command.environment().putAll(environment);
        // The README's command as it is: nothing of the caller's own settings.
        List.of("STEMREACH_MONGO", "STEMREACH_DEMO", "STEMREACH_JVM_OPTS").forEach(command.environment()::remove);
        Process launcher = command.start();
        // Stopped with the test JVM too (a build's time limit, a kill): never a platform left running.
        Thread stopOnExit = new Thread(() -> launcher.toHandle().destroy(), "stop-launcher");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("(output no longer readable: ").append(e).append(")\n");
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        Throwable failed = null;
        try {
            running(launcher, environment, output);
        } catch (Throwable e) {
            failed = e;
        }
        // Stopped whatever happened above, and the stop checked; a failure above stays the one reported.
        List<ProcessHandle> children = launcher.descendants().toList();
        // SIGTERM, as Ctrl-C: the launcher's shutdown hook stops the services, Kafka and MongoDB. Through its handle:
        // Process.destroy() would also close the output, whose last lines say how it stopped.
        launcher.toHandle().destroy();
        boolean stopped = launcher.waitFor(90, TimeUnit.SECONDS);
        if (!stopped) {
            launcher.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        reader.join(10_000); // Java 17: no join(Duration)
        try {
            assertThat(stopped).as(output.toString()).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(children.stream().filter(ProcessHandle::isAlive).map(c -> c.info().commandLine().orElse("?")).toList())
                            .as("no process of the platform left running").isEmpty());
            if (failed == null) {
                assertThat(children.size()).as("the services and Kafka, each a process of the launcher").isGreaterThanOrEqualTo(6);
                assertThat(output.toString()).contains("Stopped. Data kept in");
            }
        } catch (Throwable stopFailed) {
            if (failed == null) {
                throw stopFailed;
            }
            failed.addSuppressed(stopFailed);
        }
        if (failed != null) {
            throw new AssertionError(failed.getMessage() + "\n--- launcher output ---\n" + output, failed);
        }
    }

    /** What a user sees while it runs: every service up, the demo year loaded, its KPIs through the gateway. */
    private void running(Process launcher, Map<String, String> environment, StringBuffer output) throws Exception {
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> output.indexOf("demo year sent in") >= 0 || output.indexOf("could not be loaded") >= 0 || !launcher.isAlive());
        assertThat(launcher.isAlive()).as("still running").isTrue();
        assertThat(output.toString()).contains("STEM Reach is running: open http://localhost:" + environment.get("STEMREACH_GATEWAY_PORT"))
                .contains("coaching-trajectories").contains("demo year sent in").doesNotContain("could not");

        String gateway = "http://localhost:" + environment.get("STEMREACH_GATEWAY_PORT");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(gateway + "/")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("STEM Reach");
        // The demo year reaches the KPIs (most of it lies in the period before the current one while that is young).
        var scheme = ReportingPeriodScheme.DEFAULT;
        var current = scheme.periodOf(Instant.now());
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            long direct = 0;
            for (String period : List.of(current.label(), scheme.previous(current).label())) {
                HttpResponse<String> kpis = http.send(HttpRequest.newBuilder(URI.create(gateway + "/analytics/api/kpis?network=ALL&period=" + period))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", GatewayClient.basic("admin")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
                direct += new tools.jackson.databind.json.JsonMapper().readTree(kpis.body()).get("reach").get("directParticipations").asLong();
            }
            assertThat(direct).as("direct reach of the demo year").isPositive();
        });
        try (var kept = Files.list(data)) {
            assertThat(kept.map(p -> p.getFileName().toString()).toList()).as("kept on disk, as the README says").isNotEmpty();
        }
    }
}
