package org.stemreach.local;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.Topics;
import org.stemreach.model.period.ReportingPeriodScheme;
import org.stemreach.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, as users run it: the local platform (real KRaft broker in a child JVM, Mongo-wire server
 * persisted to disk) with content-downloads and analytics as separate JVMs. A download recorded through
 * the public API raises indirect reach in analytics; a redelivered event does not; a restart keeps the KPIs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final Logger log = LoggerFactory.getLogger(PlatformEndToEndIT.class);
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String PERIOD = ReportingPeriodScheme.DEFAULT.periodOf(Instant.now()).label();

    @TempDir
    static Path data;
    static LocalPlatform.Settings settings;
    static LocalPlatform platform;
    static String projectId;

    @BeforeAll
    static void start() {
        settings = new LocalPlatform.Settings(Path.of("../..").toAbsolutePath().normalize(), data, 0, 0, 0, List.of(), Map.of())
                .onFreePorts(List.of("content-downloads", "analytics"));
        platform = LocalPlatform.start(settings);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static RestClient http(String service) {
        return RestClient.create(platform.url(service));
    }

    private static long indirectReach() {
        JsonNode kpis = http("analytics").get().uri("/api/kpis?network=ISTEM&period={p}", PERIOD).retrieve().body(JsonNode.class);
        return kpis.get("reach").get("indirect").asLong();
    }

    private static void download(String userAgent) {
        byte[] body = http("content-downloads").get().uri("/api/projects/{id}/assets/material", projectId)
                .header(HttpHeaders.USER_AGENT, userAgent).retrieve().body(byte[].class);
        assertThat(body).isNotEmpty();
    }

    @Test
    @Order(1)
    void aDownloadThroughThePublicApiRaisesIndirectReach() throws IOException {
        RestClient downloads = http("content-downloads");
        JsonNode project = downloads.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("network", "ISTEM", "title", "Zonnepanelen op school")).retrieve().body(JsonNode.class);
        projectId = project.get("id").asString();
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("file", new ByteArrayResource(zip()) {
            @Override
            public String getFilename() {
                return "zonnepanelen.zip";
            }
        });
        downloads.put().uri("/api/projects/{id}/assets/material", projectId).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().toBodilessEntity();
        assertThat(indirectReach()).isZero();

        long start = System.nanoTime();
        download(BROWSER);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> indirectReach() == 1);
        log.info("download to KPI visible: {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    @Order(2)
    void aRedeliveredEventIsNotCountedAgain() {
        List<ConsumerRecord<String, String>> recorded = TestKafka.records(platform.kafkaBootstrap(), Topics.DOWNLOADS,
                value -> value.contains(projectId) && value.contains(EventCatalog.DOWNLOAD_RECORDED.name()));
        assertThat(recorded).hasSize(1);

        ConsumerRecord<String, String> original = recorded.get(0);
        TestKafka.send(platform.kafkaBootstrap(), Topics.DOWNLOADS, original.key(), original.value());
        TestKafka.send(platform.kafkaBootstrap(), Topics.DOWNLOADS, original.key(), original.value());

        await().atMost(Duration.ofSeconds(10)).until(() -> TestKafka.records(platform.kafkaBootstrap(), Topics.DOWNLOADS,
                value -> value.contains(projectId)).size() >= 4);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> indirectReach() == 1);
    }

    @Test
    @Order(3)
    void aRestartKeepsTheKpisAndCountingGoesOn() {
        platform.close();
        platform = LocalPlatform.start(settings);

        assertThat(indirectReach()).isEqualTo(1);
        download("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        await().atMost(Duration.ofSeconds(10)).until(() -> indirectReach() == 2);
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("les1/werkblad.txt"));
            zip.write("Meet de opbrengst van een zonnepaneel.".getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
