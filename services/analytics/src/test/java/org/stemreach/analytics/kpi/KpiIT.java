package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.stemreach.analytics.Events;
import org.stemreach.kit.consumer.DeadLetters;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.event.EventEnvelope;
import org.stemreach.model.event.Topics;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.OperationalEndpointsContract;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class KpiIT implements OperationalEndpointsContract {

    @LocalServerPort
    int port;
    private RestClient http;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "analytics";
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    private JsonNode kpis(String network, String period) {
        return http.get().uri("/api/kpis?network={n}&period={p}", network, period)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(JsonNode.class);
    }

    private long indirect(String network, String period) {
        return kpis(network, period).get("reach").get("indirect").asLong();
    }

    @Test
    void countsDownloadsInTheNetworkAndPeriodOfTheirTimestamp() {
        String network = Events.network();
        Events.send(Events.projectPublished(network, "windmolen-" + network, "Bouw een windmolen"));
        // 14 December 23:59:59 in Brussels is the last second of period 2026; a second later is period 2027.
        Events.send(Events.download(network, "windmolen-" + network, AssetKind.SHEET, "2026-12-14T22:59:59Z"));
        Events.send(Events.download(network, "windmolen-" + network, AssetKind.MATERIAL, "2026-12-14T22:59:59Z"));
        Events.send(Events.download(network, "windmolen-" + network, AssetKind.SHEET, "2026-12-14T23:00:00Z"));
        Events.send(Events.download(network, "windmolen-" + network, AssetKind.SHEET, "2025-12-15T08:00:00Z"));

        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 3 && indirect(network, "2027") == 1);

        JsonNode document = kpis(network, "2026");
        assertThat(document.get("period").get("from").asString()).isEqualTo("2025-12-15");
        assertThat(document.get("period").get("to").asString()).isEqualTo("2026-12-14");
        assertThat(document.get("downloads").get("projectSheets").asLong()).isEqualTo(2);
        assertThat(document.get("downloads").get("lessonMaterials").asLong()).isEqualTo(1);
        assertThat(document.get("downloads").get("topProjects").get(0).get("title").asString()).isEqualTo("Bouw een windmolen");
        assertThat(kpis(network, "2027").get("reach").get("previousPeriod").get("indirect").asLong()).isEqualTo(3);
        assertThat(indirect(Events.network(), "2026")).isZero();
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() {
        String network = Events.network();
        EventEnvelope<?> download = Events.download(network, "p-" + network, AssetKind.SHEET, "2026-05-05T10:00:00Z");
        Events.send(download);
        Events.send(download);
        Events.send(Events.download(network, "p-" + network, AssetKind.SHEET, "2026-05-05T10:00:01Z"));
        Events.send(download);

        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> indirect(network, "2026") == 2);
    }

    @Test
    void theDocumentFulfilsTheFunderContract() {
        String network = Events.network();
        Events.send(Events.download(network, "p-" + network, AssetKind.MATERIAL, "2026-02-02T10:00:00Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1);

        for (String selection : new String[]{network, "ALL"}) {
            JsonNode document = kpis(selection, "2026");
            assertThat(new EventSchemas(true).errors("/schemas/kpi-feed-v1.schema.json", document)).isEmpty();
            assertThat(document.get("provenance").get("eventsApplied").asLong()).isPositive();
        }
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheRestIsStillApplied() {
        String network = Events.network();
        String marker = "garbage-" + network;
        TestKafka.send(Topics.DOWNLOADS, "x", "{\"this is\": \"" + marker + "\"}");
        Events.send(Events.download(network, "p-" + network, AssetKind.SHEET, "2026-02-02T10:00:00Z"));

        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !TestKafka.records(DeadLetters.topicFor(Topics.DOWNLOADS, "analytics"), value -> value.contains(marker)).isEmpty());
    }

    @Test
    void figuresAreForTheOperationsTeamOfTheNetworkAndAllNetworksForAdministrators() {
        String ok = "/api/kpis?network=ISTEM&period=2026";
        assertThat(status(ok, null)).isEqualTo(401);
        assertThat(status(ok, TestTokens.forged("ADMIN"))).isEqualTo(401);
        assertThat(status(ok, TestTokens.expired("ADMIN"))).isEqualTo(401);
        assertThat(status(ok, TestTokens.ops("STEMBASIS"))).isEqualTo(403);
        assertThat(status(ok, TestTokens.ops("ISTEM"))).isEqualTo(200);
        assertThat(status("/api/kpis?network=ALL&period=2026", TestTokens.ops("ISTEM"))).isEqualTo(403);
        assertThat(status("/api/kpis?network=ALL&period=2026", TestTokens.admin())).isEqualTo(200);
    }

    private int status(String uri, String token) {
        var request = http.get().uri(uri);
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, token);
        }
        return request.retrieve().toEntity(String.class).getStatusCode().value();
    }

    @Test
    void badQueriesAreProblemDetails() {
        for (String query : new String[]{"network=ALL", "period=2026", "network=istem&period=2026", "network=ALL&period=26"}) {
            ResponseEntity<String> response = http.get().uri("/api/kpis?" + query)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().toEntity(String.class);
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
