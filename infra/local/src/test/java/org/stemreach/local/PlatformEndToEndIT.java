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
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.stemreach.demo.DemoContext;
import org.stemreach.demo.DemoYear;
import org.stemreach.testsupport.Browsers;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, as users run it: the local platform (real KRaft broker in a child JVM, Mongo-wire server
 * persisted to disk) with the gateway, content-downloads and analytics as separate JVMs, used through the
 * gateway like the operations team and teachers do. A download raises indirect reach in analytics; a
 * redelivered event does not; identity is relayed and checked; a restart keeps the KPIs; the demo year loads once;
 * in headless Chromium the dashboard shows the API's figures and follows a new download live.
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
        LocalPlatform.Settings free = LocalPlatform.Settings.onFreePorts(Path.of("../..").toAbsolutePath().normalize(), data,
                List.of("gateway", "registrations", "content-downloads", "analytics"));
        // As the run command does, so that the demo year can be loaded (test 5).
        settings = free.withServiceEnvironment(Map.of("STEMREACH_DOWNLOADS_ACCEPT_SIMULATED_TIME", "true"));
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
        // Generous: the first event after the start joins a consumer group across five JVMs on two cores (the latency is
        // measured by the benchmarks, not asserted here).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> indirectReach() == 1);
        log.info("download to KPI visible: {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    @Order(2)
    void aRedeliveredEventIsNotCountedAgain() {
        List<ConsumerRecord<String, String>> recorded = TestKafka.records(platform.kafkaBootstrap(), Topics.DOWNLOADS,
                value -> value.contains(projectId) && value.contains(EventCatalog.DOWNLOAD_RECORDED.name()));
        assertThat(recorded).hasSize(1);

        ConsumerRecord<String, String> original = recorded.get(0);
        long ignoredBefore = duplicatesIgnored();
        TestKafka.send(platform.kafkaBootstrap(), Topics.DOWNLOADS, original.key(), original.value());
        TestKafka.send(platform.kafkaBootstrap(), Topics.DOWNLOADS, original.key(), original.value());

        // Analytics has read both (and said it ignored them) before the figure is compared.
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesIgnored() >= ignoredBefore + 2);
        assertThat(indirectReach()).isEqualTo(1);
    }

    /** Events analytics ignored because it had applied them before (its metric, summed over its projections). */
    private static long duplicatesIgnored() {
        String metrics = TestHttp.client(platform.url("analytics")).get().uri("/actuator/prometheus").retrieve().body(String.class);
        return Math.round(metrics.lines().filter(line -> line.startsWith("stemreach_events_duplicates_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
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
        await().atMost(Duration.ofSeconds(60)).until(() -> indirectReach() == 2);
    }

    @Test
    @Order(5)
    void theDemoYearIsLoadedThroughThePublicApisOnceOnly() throws Exception {
        DemoContext demo = new DemoContext(platform.url("gateway"), Map.of("registrations", platform.url("registrations"),
                "content-downloads", platform.url("content-downloads")), Clock.systemUTC());
        DemoYear.load(demo);
        String previous = ReportingPeriodScheme.DEFAULT.previous(ReportingPeriodScheme.DEFAULT.periodOf(Instant.now())).label();

        // The demo year is the 300 days before today and a month ahead, so it lies in this period and the previous one
        // in proportions that depend on the day: the checks add both up.
        awaitSettled();
        JsonNode current = kpis("ALL", PERIOD);
        JsonNode last = kpis("ALL", previous);
        assertThat(sum(current, last, "downloads", "total")).as("thousands of downloads").isGreaterThan(2000);
        assertThat(sum(current, last, "reach", "distinctTeachers")).isGreaterThan(100);
        assertThat(types(current, last, "trainings")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(types(current, last, "coaching")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(types(current, last, "dissemination")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sum(current, last, "preService", "students")).isPositive();
        assertThat(last.get("reach").get("directParticipations").asLong()).as("a previous period").isPositive();
        assertThat(current.get("targets")).as("a few targets").isNotEmpty();
        JsonNode activities = gateway().http().get().uri("/registrations/api/ops/activities").header(HttpHeaders.AUTHORIZATION,
                GatewayClient.basic("admin")).retrieve().body(JsonNode.class);
        assertThat(activities.valueStream().filter(a -> a.get("waiting").asInt() > 0 && a.get("freePlaces").asInt() == 0))
                .as("full activities with a waiting list").hasSizeGreaterThanOrEqualTo(2);
        assertThat(activities.valueStream().map(a -> gateway().http().get().uri("/registrations/api/ops/activities/{id}", a.get("id").asString())
                        .header(HttpHeaders.AUTHORIZATION, GatewayClient.basic("admin")).retrieve().body(JsonNode.class))
                .flatMap(a -> a.get("registrations").valueStream()).filter(row -> !row.get("missedSessions").isEmpty()))
                .as("no-shows recorded").isNotEmpty();

        String before = withoutTime(kpis("ALL", PERIOD)) + withoutTime(kpis("ALL", previous));
        // A new context, with no memory of the first load: what is there already must be recognised in the services' data.
        assertThat(DemoYear.load(new DemoContext(platform.url("gateway"), Map.of("registrations", platform.url("registrations"),
                "content-downloads", platform.url("content-downloads")), Clock.systemUTC()))).as("every part recognised as loaded").isZero();
        awaitSettled();
        assertThat(withoutTime(kpis("ALL", PERIOD)) + withoutTime(kpis("ALL", previous))).as("loading it again adds nothing").isEqualTo(before);
    }

    private static long sum(JsonNode current, JsonNode last, String table, String figure) {
        return current.get(table).get(figure).asLong() + last.get(table).get(figure).asLong();
    }

    private static java.util.Set<String> types(JsonNode current, JsonNode last, String table) {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (JsonNode document : List.of(current, last)) {
            document.get(table).get("rows").forEach(row -> types.add(row.get("type").asString()));
        }
        return types;
    }

    /** Until analytics has applied everything sent so far: its count of applied events unchanged over three seconds. */
    private static void awaitSettled() {
        java.util.concurrent.atomic.AtomicLong lastCount = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicInteger unchanged = new java.util.concurrent.atomic.AtomicInteger();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            long applied = kpis("ALL", PERIOD).get("provenance").get("eventsApplied").asLong();
            unchanged.set(lastCount.getAndSet(applied) == applied ? unchanged.get() + 1 : 0);
            return unchanged.get() >= 3;
        });
    }

    @Test
    @Order(6)
    void inTheBrowserTheDashboardShowsTheApiFiguresAndFollowsANewDownloadLive() throws Exception {
        ChromeDriver browser = Browsers.headlessChromium();
        try {
            browser.get(platform.url("gateway") + "/");
            browser.findElement(By.id("signin")).click();
            browser.findElement(By.id("username")).sendKeys("ops-istem");
            browser.findElement(By.id("password")).sendKeys("stemreach");
            browser.findElement(By.id("login-submit")).click();
            browser.findElement(By.id("link-dashboard")).click();

            awaitSettled();
            JsonNode reach = kpis("ISTEM", PERIOD).get("reach");
            NumberFormat dutch = NumberFormat.getIntegerInstance(Locale.forLanguageTag("nl-BE"));
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
                for (String kpi : List.of("directParticipations", "distinctTeachers", "indirect", "trainedCoachesAndLeaders", "preServiceStudents")) {
                    assertThat(tile(browser, kpi)).as(kpi).isEqualTo(dutch.format(reach.get(kpi).asLong()));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("status")).getText().isBlank());
            // Each chart's figures also as a table: the top project's row as the API has it.
            JsonNode top = kpis("ISTEM", PERIOD).get("downloads").get("topProjects").get(0);
            browser.findElement(By.cssSelector("details:has(#table-chart-projects) summary")).click();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                    assertThat(browser.findElement(By.cssSelector("#table-chart-projects tbody tr")).getText()).isEqualTo(top.get("title").asString()
                            + " " + dutch.format(top.get("projectSheets").asLong()) + " " + dutch.format(top.get("lessonMaterials").asLong())));
            // Months and weeks as a Dutch reader writes them ("jan. 2026", "15 dec."), not as ISO dates.
            browser.findElement(By.cssSelector("details:has(#table-chart-months) summary")).click();
            assertThat(browser.findElements(By.cssSelector("#table-chart-months tbody th"))).isNotEmpty()
                    .allSatisfy(month -> assertThat(month.getText()).matches("[a-z]+\\.? \\d{4}"));
            // A figure's activities: the table fills, and a short line says how many.
            browser.findElement(By.id("tile-directParticipations")).click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(browser.findElement(By.id("drilldown-status")).getText()).matches("[\\d.]+ activiteiten"));
            // From the table of a chart, with the keyboard: a figure's button (a type in a month) shows its activities,
            // as many as the API has behind that figure.
            JsonNode filter = new tools.jackson.databind.json.JsonMapper().readTree(browser.findElement(
                    By.cssSelector("#table-chart-months tbody td button")).getDomAttribute("data-filter"));
            int behind = gateway().http().get().uri("/analytics/api/kpis/activities?network=ISTEM&period={p}&month={m}&type={t}",
                            PERIOD, filter.get("month").asString(), filter.get("type").asString())
                    .header(HttpHeaders.AUTHORIZATION, GatewayClient.basic("ops-istem")).retrieve().body(JsonNode.class).size();
            assertThat(behind).isPositive();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                // Found again each time: a live update may have drawn the table anew.
                browser.findElement(By.cssSelector("#table-chart-months tbody td button[data-filter='" + filter + "']"))
                        .sendKeys(org.openqa.selenium.Keys.ENTER);
                assertThat(browser.findElement(By.id("drilldown-status")).getText()).isEqualTo(behind == 1 ? "1 activiteit"
                        : dutch.format(behind) + " activiteiten");
                assertThat(browser.findElements(By.cssSelector("#drilldown tbody tr"))).hasSize(behind);
            });
            browser.executeScript("window.notReloaded = true;");

            long indirect = reach.get("indirect").asLong();
            download(BROWSER);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(tile(browser, "indirect")).isEqualTo(dutch.format(indirect + 1)));
            assertThat(browser.executeScript("return window.notReloaded === true;")).as("updated without reload").isEqualTo(true);

            // A target set on the page (through the gateway, with its CSRF token): the tile shows the attainment.
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("target-kpi"))).selectByValue("indirect");
            browser.findElement(By.id("target-value")).sendKeys(String.valueOf(2 * (indirect + 1)));
            browser.findElement(By.id("target-save")).click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(browser.findElement(By.id("target-status")).getText()).isEqualTo("Doel bewaard.");
                assertThat(browser.findElement(By.cssSelector("#tile-indirect .attainment")).getText()).isEqualTo("50 % van het doel");
            });

            // One partner's figures: downloads belong to the network, so the indirect-reach tile says so instead of 0.
            var partners = new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("partner")));
            partners.selectByIndex(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(tile(browser, "indirect")).isEqualTo("n.v.t.");
                assertThat(browser.findElement(By.id("downloads-note")).isDisplayed()).isTrue();
            });
            partners.selectByValue("");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tile(browser, "indirect")).isEqualTo(dutch.format(indirect + 1)));

            // The operations pages' forms through the gateway (its CSRF token, and in a file form's address): an activity
            // planned, a project made and its project sheet uploaded.
            browser.get(platform.url("gateway") + "/registrations/ops/activities/new");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("network"))).selectByValue("ISTEM");
            browser.findElement(By.id("title")).sendKeys("Gepland in de browser");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("type"))).selectByValue("WORKSHOP");
            browser.findElement(By.id("partner")).sendKeys("KU Leuven");
            browser.findElement(By.id("location")).sendKeys("Campus Kulak");
            browser.findElement(By.id("capacity")).sendKeys("12");
            browser.executeScript("document.getElementById('session-date-0').value = arguments[0];", java.time.LocalDate.now().plusMonths(2).toString());
            browser.findElement(By.id("save")).click();
            awaitPage(browser, "Gepland in de browser", "Bewaard.");

            browser.get(platform.url("gateway") + "/content/ops/projects/new");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("network"))).selectByValue("ISTEM");
            browser.findElement(By.id("title")).sendKeys("Project uit de browser");
            browser.findElement(By.id("save")).click();
            awaitPage(browser, "Project uit de browser", "Bewaard.");
            java.nio.file.Path sheet = java.nio.file.Files.createTempFile("fiche", ".pdf");
            java.nio.file.Files.writeString(sheet, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
            browser.findElement(By.id("file-SHEET")).sendKeys(sheet.toString());
            browser.findElement(By.cssSelector("form:has(#file-SHEET) button")).click();
            awaitPage(browser, "Project uit de browser", "Het bestand (projectfiche) is opgeladen.");
            assertThat(browser.findElement(By.id("asset-SHEET")).getText()).contains(sheet.getFileName().toString());

            browser.findElement(By.cssSelector("header .brand")).click();
            browser.findElement(By.id("signout")).click();
            assertThat(browser.findElements(By.id("signin"))).as("signed out").isNotEmpty();
            browser.get(platform.url("gateway") + "/analytics/ops/dashboard");
            assertThat(browser.getCurrentUrl()).endsWith("/login");

            // A session that ends while the dashboard is open (expired, or ended elsewhere): the page says so and stops
            // asking, rather than showing stale figures as a passing glitch.
            browser.findElement(By.id("username")).sendKeys("ops-istem");
            browser.findElement(By.id("password")).sendKeys("stemreach");
            browser.findElement(By.id("login-submit")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().contains("/login"));
            browser.get(platform.url("gateway") + "/analytics/ops/dashboard");
            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("status")).getText().isBlank());
            browser.manage().deleteAllCookies();
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("partner"))).selectByIndex(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(browser.findElement(By.id("status")).getText()).startsWith("Je bent niet meer aangemeld"));
        } finally {
            browser.quit();
        }
    }

    /** The page a form led to, once it is there: its heading and its notice (a form sent is a page loading meanwhile). */
    private static void awaitPage(ChromeDriver browser, String heading, String notice) {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
            assertThat(browser.findElement(By.cssSelector("p.notice[role=status]")).getText()).as(browser.getPageSource()).isEqualTo(notice);
        });
    }

    @Test
    @Order(7)
    void everyStemReachMetricOnTheGrafanaDashboardIsExposedByAService() throws IOException {
        StringBuilder scraped = new StringBuilder();
        for (String service : List.of("gateway", "registrations", "content-downloads", "analytics")) {
            scraped.append(TestHttp.client(platform.url(service)).get().uri("/actuator/prometheus").retrieve().body(String.class));
        }
        JsonNode dashboard = new tools.jackson.databind.json.JsonMapper()
                .readTree(settings.home().resolve("infra/grafana/dashboards/stemreach-platform.json").toFile());
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("stemreach_[a-z_]+");
        int checked = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expression = target.get("expr").asString();
                if (expression.contains("or vector(0)")) {
                    continue; // counters that appear with their first increment (dead letters)
                }
                java.util.regex.Matcher names = metric.matcher(expression);
                while (names.find()) {
                    assertThat(scraped).as(panel.get("title").asString()).contains("\n" + names.group() + "{");
                    checked++;
                }
            }
        }
        assertThat(scraped.toString()).contains("stemreach_reach_indirect{application=\"analytics\",network=\"ISTEM\"");
        assertThat(checked).isGreaterThanOrEqualTo(5);
        // The business gauges carry the KPI document's figures (refreshed every 30 s).
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            String analytics = TestHttp.client(platform.url("analytics")).get().uri("/actuator/prometheus").retrieve().body(String.class);
            JsonNode reach = kpis("ISTEM", PERIOD).get("reach");
            assertThat(gauge(analytics, "stemreach_reach_indirect", "ISTEM")).isEqualTo(reach.get("indirect").asDouble());
            assertThat(gauge(analytics, "stemreach_reach_direct", "ISTEM")).isEqualTo(reach.get("directParticipations").asDouble());
            assertThat(gauge(analytics, "stemreach_reach_distinct_teachers", "ISTEM")).isEqualTo(reach.get("distinctTeachers").asDouble());
        });
    }

    /** A gauge's value for a network in the current period, as Prometheus scrapes it. */
    private static double gauge(String scraped, String name, String network) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^" + name + "\\{[^}]*network=\"" + network
                + "\"[^}]*period=\"" + PERIOD + "\"[^}]*} (\\S+)$").matcher(scraped);
        assertThat(value.find()).as(name + " of " + network + " in " + PERIOD).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static String tile(ChromeDriver browser, String kpi) {
        return browser.findElement(By.cssSelector("#tile-" + kpi + " .value")).getText();
    }

    private static JsonNode kpis(String network, String period) {
        return gateway().http().get().uri("/analytics/api/kpis?network={n}&period={p}", network, period)
                .header(HttpHeaders.AUTHORIZATION, GatewayClient.basic("admin")).retrieve().body(JsonNode.class);
    }

    private static String withoutTime(JsonNode kpis) {
        ((tools.jackson.databind.node.ObjectNode) kpis).remove("generatedAt");
        return kpis.toString();
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
