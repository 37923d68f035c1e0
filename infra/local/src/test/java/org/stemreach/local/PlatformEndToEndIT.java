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
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.Topics;
import org.stemreach.model.period.ReportingPeriodScheme;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
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
 * persisted to disk) with the gateway, content-downloads and analytics as separate JVMs, used through the
 * gateway like the operations team and teachers do. A download raises indirect reach in analytics; a
 * redelivered event does not; identity is relayed and checked; a restart keeps the KPIs.
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
        settings = LocalPlatform.Settings.onFreePorts(Path.of("../..").toAbsolutePath().normalize(), data,
                List.of("gateway", "content-downloads", "analytics"));
        platform = LocalPlatform.start(settings);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static GatewayClient gateway() {
        return new GatewayClient(platform.url("gateway"));
    }

    private static long indirectReach() {
        JsonNode kpis = gateway().http().get().uri("/analytics/api/kpis?network=ISTEM&period={p}", PERIOD)
                .header(HttpHeaders.AUTHORIZATION, GatewayClient.basic("ops-istem")).retrieve().body(JsonNode.class);
        return kpis.get("reach").get("indirect").asLong();
    }

    private static void download(String userAgent) {
        byte[] body = gateway().http().get().uri("/content/api/projects/{id}/assets/material", projectId)
                .header(HttpHeaders.USER_AGENT, userAgent).retrieve().body(byte[].class);
        assertThat(body).isNotEmpty();
    }

    @Test
    @Order(1)
    void theOperationsTeamPublishesAProjectThroughTheGatewayAndADownloadRaisesIndirectReach() throws IOException {
        GatewayClient ops = gateway().signIn("ops-istem");
        JsonNode project = ops.http().post().uri("/content/api/projects").headers(ops.csrf()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("network", "ISTEM", "title", "Zonnepanelen op school")).retrieve().body(JsonNode.class);
        projectId = project.get("id").asString();
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("file", new ByteArrayResource(zip()) {
            @Override
            public String getFilename() {
                return "zonnepanelen.zip";
            }
        });
        var upload = ops.http().put().uri("/content/api/projects/{id}/assets/material", projectId).headers(ops.csrf())
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();
        assertThat(upload.getStatusCode().value()).isEqualTo(200);
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
    void identityIsCheckedAtTheGatewayAndByEveryService() {
        GatewayClient anonymous = gateway();
        var page = anonymous.http().get().uri("/analytics/ops/dashboard").accept(MediaType.TEXT_HTML).retrieve().toBodilessEntity();
        assertThat(page.getStatusCode().value()).isEqualTo(302);
        assertThat(page.getHeaders().getLocation().toString()).endsWith("/login");
        assertThat(anonymous.http().get().uri("/analytics/api/kpis?network=ISTEM&period={p}", PERIOD).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(401);

        GatewayClient ops = gateway().signIn("ops-istem");
        assertThat(ops.http().get().uri("/analytics/api/kpis?network=STEMBASIS&period={p}", PERIOD).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("another network's figures").isEqualTo(403);
        assertThat(ops.http().post().uri("/content/api/projects").headers(ops.csrf()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("network", "STEMBASIS", "title", "Niet van mij")).retrieve().toBodilessEntity()
                .getStatusCode().value()).as("another network's catalogue").isEqualTo(403);

        // Straight to a service, past the gateway: only the gateway's own signature counts.
        var direct = TestHttp.client(platform.url("analytics"));
        for (String token : new String[]{TestTokens.admin(), TestTokens.expired("ADMIN"), "Bearer not-a-token"}) {
            assertThat(direct.get().uri("/api/kpis?network=ISTEM&period={p}", PERIOD).header(HttpHeaders.AUTHORIZATION, token)
                    .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
        }
    }

    @Test
    @Order(4)
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
