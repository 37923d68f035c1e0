package org.stemreach.downloads;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.Topics;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.RestartableKafka;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A download while the broker is stopped is served as usual; its event arrives once the broker is back, once. */
// A producer waiting for the broker would block for 30 s here: far beyond the 10 s a request may take below.
// Its own database: the other test classes' contexts stay cached with their outbox relays running, and one of those
// could publish this class's events to the shared broker (and remove them) while this class's broker is stopped.
@IntegrationTest(sharedKafka = false, properties = {"spring.cloud.stream.kafka.default.producer.configuration.max.block.ms=30000",
        "spring.mongodb.database=content-downloads-offline"})
class DownloadsWhileKafkaIsDownIT {

    static final RestartableKafka kafka = new RestartableKafka();

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("stemreach.kafka.brokers", kafka::bootstrapServers);
        registry.add("stemreach.outbox.max-backoff", () -> "1s");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @LocalServerPort
    int port;

    @Test
    void downloadsWorkWhileKafkaIsAwayAndAreCountedOnceWhenItReturns() {
        RestClient http = TestHttp.client(port);
        String id = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(Map.of("network", "ISTEM", "title", "Zwaartekracht"))
                .retrieve().body(JsonNode.class).get("id").asString();
        var form = new LinkedMultiValueMap<String, Object>();
        byte[] zip = TestFiles.zip("les1/valproef.pdf");
        form.add("file", new ByteArrayResource(zip) {
            @Override
            public String getFilename() {
                return "val.zip";
            }
        });
        http.put().uri("/api/projects/{id}/assets/material", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();

        kafka.stop();
        for (String agent : new String[]{"Firefox/130", "Chrome/131", "Safari/17"}) {
            long start = System.nanoTime();
            byte[] body = http.get().uri("/api/projects/{id}/assets/material", id).header(HttpHeaders.USER_AGENT, "Mozilla/5.0 " + agent)
                    .retrieve().body(byte[].class);
            assertThat(body).isEqualTo(zip);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("does not wait for Kafka (a producer would block for 30 s)").isLessThan(Duration.ofSeconds(10));
        }
        kafka.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TestKafka.records(kafka.bootstrapServers(), Topics.DOWNLOADS,
                v -> v.contains(id) && v.contains(EventCatalog.DOWNLOAD_RECORDED.name()))).hasSize(3));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> TestKafka.records(kafka.bootstrapServers(),
                Topics.DOWNLOADS, v -> v.contains(id) && v.contains(EventCatalog.DOWNLOAD_RECORDED.name())).size() == 3);
    }
}
