package org.stemreach.registrations;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With its broker stopped, registrations still succeed; when the broker is back, each of their events arrives once. */
// A producer waiting for the broker would block for 30 s here: far beyond the 10 s a request may take below.
// Its own database: the other test classes' contexts stay cached with their outbox relays running, and one of those
// could publish this class's events to the shared broker (and remove them) while this class's broker is stopped.
@IntegrationTest(sharedKafka = false, properties = {"spring.cloud.stream.kafka.default.producer.configuration.max.block.ms=30000",
        "spring.mongodb.database=registrations-offline"})
class RegistrationsWhileKafkaIsDownIT {

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
    void registrationsSucceedWhileKafkaIsAwayAndTheirEventsArriveOnceAfterwards() {
        RestClient http = TestHttp.client(port);
        Map<String, Object> plan = RegistrationsIT.workshop("ISTEM", 10);
        String activity = http.post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().body(JsonNode.class).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestKafka.records(kafka.bootstrapServers(), Topics.REGISTRATIONS,
                v -> v.contains(activity)).isEmpty());

        kafka.stop();
        List<String> registrations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            ResponseEntity<JsonNode> answer = http.post().uri("/api/activities/{id}/registrations", activity)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.COOKIE, "XSRF-TOKEN=t").header("X-XSRF-TOKEN", "t")
                    .body(Map.of("name", "Leraar " + i, "email", "offline-" + i + "-" + activity + "@school.be", "grade", "SECONDARY", "consent", true))
                    .retrieve().toEntity(JsonNode.class);
            assertThat(answer.getStatusCode().value()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("does not wait for Kafka (a producer would block for 30 s)").isLessThan(Duration.ofSeconds(10));
            registrations.add(answer.getBody().get("registrationId").asString());
        }

        kafka.start();

        // Once each arrived, and still once a moment later (a late second copy would show then).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> eachArrivedOnce(activity, registrations));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> eachArrivedOnce(activity, registrations));
    }

    private void eachArrivedOnce(String activity, List<String> registrations) {
        var confirmed = TestKafka.records(kafka.bootstrapServers(), Topics.REGISTRATIONS,
                v -> v.contains(activity) && v.contains(EventCatalog.REGISTRATION_CONFIRMED.name()));
        for (String registration : registrations) {
            assertThat(confirmed).filteredOn(r -> r.value().contains(registration)).hasSize(1);
        }
        assertThat(confirmed).hasSize(registrations.size());
    }
}
