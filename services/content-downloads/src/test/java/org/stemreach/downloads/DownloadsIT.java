package org.stemreach.downloads;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.stemreach.downloads.download.AssetFiles;
import org.stemreach.downloads.download.ClientKeys;
import org.stemreach.downloads.download.DownloadCounting;
import org.stemreach.downloads.download.DownloadsProperties;
import org.stemreach.downloads.download.RobotFilter;
import org.stemreach.downloads.project.Paging;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.Topics;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.MutableClock;
import org.stemreach.testsupport.OperationalEndpointsContract;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest(properties = {"stemreach.downloads.max-asset-size=300KB",
        // A little above the asset size, as configured: a file above both is refused before any controller.
        "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=2MB"})
@Import({DownloadsIT.Clock.class, DownloadsIT.SendfileProbe.class})
class DownloadsIT implements OperationalEndpointsContract {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @TestConfiguration(proxyBeanMethods = false)
    static class Clock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-03-04T09:00:00Z"));
        }
    }

    /**
     * Records which downloads went to Tomcat's sendfile, and takes sendfile away from requests that carry
     * {@code X-Test-Without-Sendfile}, as a connector without it (TLS in Tomcat) would.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class SendfileProbe {
        static final AtomicInteger handedToSendfile = new AtomicInteger();

        @Bean
        FilterRegistrationBean<Filter> sendfileProbe() {
            Filter filter = (request, response, chain) -> {
                ServletRequest passed = ((HttpServletRequest) request).getHeader("X-Test-Without-Sendfile") == null ? request
                        : new HttpServletRequestWrapper((HttpServletRequest) request) {
                            @Override
                            public Object getAttribute(String name) {
                                return name.equals("org.apache.tomcat.sendfile.support") ? null : super.getAttribute(name);
                            }
                        };
                chain.doFilter(passed, response);
                if (request.getAttribute("org.apache.tomcat.sendfile.filename") != null) {
                    handedToSendfile.incrementAndGet();
                }
            };
            return new FilterRegistrationBean<>(filter);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CloudEventCodec codec;
    @Autowired
    DownloadCounting counting;
    @Autowired
    org.stemreach.kit.outbox.Outbox outbox;
    @Autowired
    ClientKeys clientKeys;
    @Autowired
    RobotFilter robots;
    @Autowired
    DownloadsProperties properties;
    @MockitoSpyBean
    AssetFiles files;
    @Autowired
    org.springframework.data.mongodb.gridfs.GridFsTemplate gridFs;
    @Autowired
    org.stemreach.downloads.project.ProjectCatalog catalog;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private RestClient http;
    private static final EventSchemas ENVELOPES = new EventSchemas(false);

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "content-downloads";
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    private String createProject(String title) {
        JsonNode project = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .body(Map.of("network", "ISTEM", "title", title, "subjects", List.of("physics")))
                .retrieve().body(JsonNode.class);
        return project.get("id").asString();
    }

    private ResponseEntity<String> upload(String projectId, String kind, String filename, byte[] content) {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return http.put().uri("/api/projects/{id}/assets/{kind}", projectId, kind)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(String.class);
    }

    /** A form of the operations pages sent by an ISTEM coordinator (multipart with a file when {@code file} is given). */
    private ResponseEntity<String> opsPage(String path, String form, String filename, byte[] file) {
        var request = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).accept(MediaType.TEXT_HTML);
        if (file == null) {
            return request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class);
        }
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return request.contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toEntity(String.class);
    }

    private String opsGet(String path, String network) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).accept(MediaType.TEXT_HTML)
                .retrieve().body(String.class);
    }

    @Test
    void theOperationsTeamKeepsItsCatalogueOnItsPages() {
        String title = "Pagina " + java.util.UUID.randomUUID().toString().substring(0, 6);
        ResponseEntity<String> missing = opsPage("/ops/projects/new", "network=ISTEM&title=&externalUrl=ftp%3A%2F%2Fx&_publish=on", null, null);
        ResponseEntity<String> created = opsPage("/ops/projects/new", "network=ISTEM&title=" + title.replace(' ', '+')
                + "&summary=Windmolens+bouwen&subjects=fysica%2C+techniek&tags=energie&_publish=on", null, null);

        assertThat(missing.getStatusCode().value()).isEqualTo(200);
        assertThat(missing.getBody()).contains("id=\"problems\"").contains("href=\"#title\"").contains("href=\"#externalUrl\"")
                .contains("<title>Fout: ");
        assertThat(created.getStatusCode().value()).isEqualTo(302);
        String id = created.getHeaders().getLocation().getPath().replaceAll(".*/", "");
        JsonNode draft = http.get().uri("/api/projects/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(JsonNode.class);
        assertThat(draft.get("state").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("subjects")).extracting(JsonNode::asString).containsExactly("fysica", "techniek");
        assertThat(opsGet("/ops/projects", "ISTEM")).contains(title).contains("Ontwerp");
        assertThat(opsGet("/ops/projects", "STEMBASIS")).as("another network's list").doesNotContain(title);
        assertThat(http.get().uri("/ops/projects/new").header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(String.class))
                .as("an administrator may start a network's catalogue").contains("list=\"known-networks\"");

        ResponseEntity<String> wrongFile = opsPage("/ops/projects/" + id + "/assets/sheet", null, "fiche.pdf", TestFiles.zip("a.txt"));
        ResponseEntity<String> sheet = opsPage("/ops/projects/" + id + "/assets/sheet", null, "fiche.pdf", TestFiles.pdf("fiche"));
        assertThat(wrongFile.getStatusCode().value()).as("the page again, saying why").isEqualTo(200);
        assertThat(wrongFile.getBody()).contains("id=\"file-problem\"").contains("niet aanvaard")
                .as("which of the two files, and the field tied to the message").contains("Projectfiche (PDF): Dat bestand werd niet aanvaard")
                .contains("aria-describedby=\"file-hint-SHEET file-problem\"")
                .as("the limit said before a file is chosen").contains("Een PDF van hoogstens 300 kB.").contains("Een ZIP van hoogstens 300 kB,");
        assertThat(sheet.getStatusCode().value()).as(String.valueOf(sheet.getHeaders().getLocation())).isEqualTo(302);
        assertThat(http.get().uri("/api/projects/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(JsonNode.class).get("assets").has("SHEET")).as("stored").isTrue();
        assertThat(opsGet("/ops/projects/" + id, "ISTEM")).contains("id=\"asset-SHEET\"").contains("fiche.pdf")
                .as("a small file in kB, not as 0,0 MB").containsPattern("fiche\\.pdf \\(\\d+ kB\\)");

        assertThat(opsPage("/ops/projects/" + id, "title=" + title.replace(' ', '+') + "+herzien&subjects=fysica&_publish=on", null, null)
                .getStatusCode().value()).isEqualTo(302);
        ResponseEntity<String> stale = opsPage("/ops/projects/" + id, "version=0&title=Mijn+versie&_publish=on", null, null);
        assertThat(stale.getStatusCode().value()).as("a description of an older version: not saved").isEqualTo(200);
        assertThat(stale.getBody()).contains("id=\"changed-meanwhile\"").as("what was typed stays").contains("value=\"Mijn versie\"");
        assertThat(opsPage("/ops/projects/" + id + "/publish", "", null, null).getStatusCode().value()).isEqualTo(302);
        JsonNode published = http.get().uri("/api/projects/{id}", id).retrieve().body(JsonNode.class);
        assertThat(published.get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(published.get("title").asString()).endsWith("herzien");
        assertThat(published.get("network").asString()).as("a project stays in its network").isEqualTo("ISTEM");
        assertThat(opsPage("/ops/projects/" + id + "/withdraw", "", null, null).getStatusCode().value()).isEqualTo(302);
        assertThat(http.get().uri("/api/projects/{id}", id).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> foreign = http.get().uri("/ops/projects/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .accept(MediaType.TEXT_HTML).retrieve().toEntity(String.class);
        assertThat(foreign.getStatusCode().value()).as("another network's project does not exist for them").isEqualTo(404);
        assertThat(foreign.getBody()).contains("id=\"problem\"");
    }

    @Test
    void externalFiguresAreUploadedOnTheirPageAndEveryProblemIsSaidByLine() {
        String bad = "channel;metric;network;period;value\nklascement;resources_viewed;ISTEM;2026;12,500\n";
        String good = "channel;metric;network;period;value\nportaalpagina;resources_viewed;ISTEM;2025;4321\n";

        ResponseEntity<String> refused = opsPage("/ops/external-figures", null, "cijfers.csv", bad.getBytes(StandardCharsets.UTF_8));
        ResponseEntity<String> saved = opsPage("/ops/external-figures", null, "cijfers.csv", good.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.getStatusCode().value()).isEqualTo(200);
        assertThat(refused.getBody()).contains("id=\"figure-errors\"").contains("Regel 2:")
                .as("the problem in the reader's language, not the API's English")
                .contains("kan duizendtallen of een decimaal getal zijn: schrijf 12500 of 12,5").doesNotContain("could be thousands");
        assertThat(saved.getStatusCode().value()).isEqualTo(302);
        assertThat(opsGet("/ops/external-figures", "ISTEM")).contains("portaalpagina").contains("4.321")
                .as("a known metric by its name, as the report has it").contains("Bekeken materialen");
    }

    private ResponseEntity<byte[]> download(String projectId, String kind, String userAgent) {
        return download(projectId, kind, userAgent, headers -> { });
    }

    private ResponseEntity<byte[]> download(String projectId, String kind, String userAgent, java.util.function.Consumer<HttpHeaders> extra) {
        return http.get().uri("/api/projects/{id}/assets/{kind}", projectId, kind)
                .header(HttpHeaders.USER_AGENT, userAgent).headers(extra).retrieve().toEntity(byte[].class);
    }

    /** The project's download events; each of its records checked against the envelope's schema and keyed by the project. */
    private List<ReceivedEvent> downloadEvents(String projectId) {
        List<ConsumerRecord<String, String>> records = TestKafka.records(Topics.DOWNLOADS, value -> value.contains(projectId));
        for (ConsumerRecord<String, String> record : records) {
            assertThat(ENVELOPES.errors(EventCatalog.ENVELOPE_SCHEMA, record.value())).as("the CloudEvents envelope of " + record.value()).isEmpty();
            assertThat(record.key()).as("keyed by the project").isEqualTo(projectId);
        }
        return records.stream()
                .map(ConsumerRecord::value)
                .map(value -> codec.decode(value.getBytes(StandardCharsets.UTF_8)))
                .filter(event -> event.type().equals(EventCatalog.DOWNLOAD_RECORDED.name()))
                .toList();
    }

    @Test
    void servesTheStoredFileAndPublishesAValidDownloadEvent() {
        String id = createProject("Bouw een windmolen");
        byte[] zip = TestFiles.zip("les1/werkblad.docx", "les1/handleiding.pdf");
        assertThat(upload(id, "material", "windmolen.zip", zip).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<byte[]> response = download(id, "material", BROWSER);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(zip);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/zip"));
        assertThat(response.getHeaders().getContentLength()).isEqualTo(zip.length);
        assertThat(response.getHeaders().getETag()).isNotBlank();
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment").contains("windmolen.zip");

        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 1);
        ReceivedEvent event = downloadEvents(id).get(0);
        // Contract: the produced event is a CloudEvent whose data validates against the shared schema.
        assertThat(event.source()).isEqualTo("/stemreach/content-downloads");
        assertThat(new EventSchemas(true).errors(EventCatalog.DOWNLOAD_RECORDED.schemaResource(), event.data())).isEmpty();
        assertThat(event.data().get("assetKind").asString()).isEqualTo("MATERIAL");
        assertThat(event.data().get("network").asString()).isEqualTo("ISTEM");
    }

    @Test
    void theSameClientDownloadingTheSameFileWithin30SecondsCountsOnce() {
        String id = createProject("Programmeer een robot");
        upload(id, "sheet", "robot.pdf", TestFiles.pdf("robot"));

        download(id, "sheet", BROWSER);
        clock.advance(Duration.ofSeconds(29));
        download(id, "sheet", BROWSER);
        clock.advance(Duration.ofSeconds(1)); // 30 s after the counted one: counts again
        download(id, "sheet", BROWSER);

        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 2);
        // Each count is a document of its own, relayed side by side with the others: their order on the topic is not theirs.
        List<Instant> times = downloadEvents(id).stream().map(ReceivedEvent::time).sorted().toList();
        assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void concurrentDownloadsOfOneClientCountOnceAndADifferentClientCountsToo() throws Exception {
        String id = createProject("Knikkerbaan ontwerpen");
        upload(id, "sheet", "knikkerbaan.pdf", TestFiles.pdf("knikkerbaan"));

        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            all.add(pool.submit(() -> download(id, "sheet", BROWSER)));
        }
        all.add(pool.submit(() -> download(id, "sheet", BROWSER + " Edg/131.0")));
        for (var download : all) {
            download.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 2);
        // The public pages' "most downloaded" totals follow in the next batch of writes.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            org.bson.Document stats = mongo.findById(id, org.bson.Document.class, DownloadCounting.PROJECT_STATS);
            assertThat(stats).isNotNull();
            assertThat(stats.get("sheets", Number.class).longValue()).isEqualTo(2);
            assertThat(stats.get("total", Number.class).longValue()).isEqualTo(2);
        });
    }

    @Test
    void anInstanceThatDidNotSeeTheCountFollowsTheChainWhenTheHeadLagsBehind() {
        String id = createProject("Een brug van papier");
        upload(id, "sheet", "brug.pdf", TestFiles.pdf("brug"));
        var first = new DownloadCounting.ServedDownload(org.stemreach.model.ProjectId.of(id), org.stemreach.model.NetworkId.of("ISTEM"),
                org.stemreach.model.downloads.AssetKind.SHEET, clock.instant(), "192.0.2.7", BROWSER, null, "web");
        assertThat(counting.record(first)).isEqualTo(DownloadCounting.Outcome.COUNTED);
        // As if the head had not been written yet: another instance (no counts in memory) only has the chain.
        counting.flush();
        mongo.getCollection("download_window_heads").deleteMany(new org.bson.Document());
        DownloadCounting otherInstance = anotherInstance();

        assertThat(otherInstance.record(at(first, 10))).isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        assertThat(otherInstance.record(at(first, 31))).isEqualTo(DownloadCounting.Outcome.COUNTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 2);
    }

    @Test
    void twoClicksAroundMidnightWhenTheClientKeyChangesCountOnce() {
        String id = projectWithSheet("Sterren kijken");
        var beforeMidnight = sheetDownload(id, "2026-02-10T23:59:50Z", "192.0.2.8");

        assertThat(counting.record(beforeMidnight)).isEqualTo(DownloadCounting.Outcome.COUNTED);
        assertThat(counting.record(at(beforeMidnight, 15))).as("10 s after midnight").isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        // Another instance, which knows only what MongoDB has.
        counting.flush();
        DownloadCounting otherInstance = anotherInstance();
        assertThat(otherInstance.record(at(beforeMidnight, 20))).isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        assertThat(otherInstance.record(at(beforeMidnight, 31))).as("the window is over").isEqualTo(DownloadCounting.Outcome.COUNTED);
    }

    @Test
    void aClickJustBeforeMidnightCountedByAnotherInstanceWhoseHeadIsNotWrittenYetCountsOnce() {
        String id = projectWithSheet("Maanfasen");
        var beforeMidnight = sheetDownload(id, "2026-03-10T23:59:55Z", "192.0.2.9");
        DownloadCounting one = anotherInstance();
        DownloadCounting other = anotherInstance();

        assertThat(one.record(beforeMidnight)).isEqualTo(DownloadCounting.Outcome.COUNTED);
        // the first instance's head is still waiting for its batch write
        assertThat(other.record(at(beforeMidnight, 10))).as("5 s after midnight").isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        assertThat(other.record(at(beforeMidnight, 40))).as("the window is over").isEqualTo(DownloadCounting.Outcome.COUNTED);
        // counted 35 s after midnight, under today's key
        assertThat(one.record(at(beforeMidnight, 50))).isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 2);
        flush(one, other);
    }

    @Test
    void anInstanceWhoseClockIsALittleBehindDoesNotCountAClickTheOtherCountedJustAfterTheFirstLength() {
        String id = projectWithSheet("Eb en vloed");
        var ahead = sheetDownload(id, "2026-03-12T00:00:35Z", "192.0.2.11");
        DownloadCounting one = anotherInstance();
        DownloadCounting other = anotherInstance();

        assertThat(one.record(ahead)).isEqualTo(DownloadCounting.Outcome.COUNTED);
        // the same click burst, on an instance whose clock says 00:00:29: it still adds to yesterday's chain
        assertThat(other.record(at(ahead, -6))).isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 1);
        flush(one, other);
    }

    @Test
    void aCountJustAfterMidnightIsSeenByAnotherInstanceUntilItsWindowIsOver() {
        String id = projectWithSheet("Getijden");
        var afterMidnight = sheetDownload(id, "2026-03-11T00:00:25Z", "192.0.2.10");
        DownloadCounting one = anotherInstance();
        DownloadCounting other = anotherInstance();

        assertThat(one.record(afterMidnight)).isEqualTo(DownloadCounting.Outcome.COUNTED);
        // 40 s after midnight: past the first window's length, within the count's window
        assertThat(other.record(at(afterMidnight, 15))).isEqualTo(DownloadCounting.Outcome.REPEAT_WITHIN_WINDOW);
        assertThat(other.record(at(afterMidnight, 31))).isEqualTo(DownloadCounting.Outcome.COUNTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 2);
        flush(one, other);
    }

    /** A published project with a sheet, for the counting cases. */
    private String projectWithSheet(String title) {
        String id = createProject(title);
        upload(id, "sheet", "fiche.pdf", TestFiles.pdf(title));
        return id;
    }

    private static DownloadCounting.ServedDownload sheetDownload(String project, String instant, String address) {
        return new DownloadCounting.ServedDownload(org.stemreach.model.ProjectId.of(project), org.stemreach.model.NetworkId.of("ISTEM"),
                org.stemreach.model.downloads.AssetKind.SHEET, java.time.Instant.parse(instant), address, BROWSER, null, "web");
    }

    private static void flush(DownloadCounting... instances) {
        for (DownloadCounting instance : instances) {
            instance.flush();
        }
    }

    /** Another content-downloads instance on the same database: it knows only what MongoDB has. */
    private DownloadCounting anotherInstance() {
        return new DownloadCounting(mongo, outbox, clientKeys, robots, properties, meters);
    }

    private static DownloadCounting.ServedDownload at(DownloadCounting.ServedDownload download, int secondsLater) {
        return new DownloadCounting.ServedDownload(download.projectId(), download.network(), download.kind(),
                download.requestedAt().plusSeconds(secondsLater), download.ipAddress(), download.userAgent(), null, download.channel());
    }

    @Test
    void aSimulatedTimeIsIgnoredOutsideTheLocalDemoPlatform() {
        String id = createProject("Zaadjes laten kiemen");
        upload(id, "sheet", "zaadjes.pdf", TestFiles.pdf("zaadjes"));

        download(id, "sheet", BROWSER, headers -> headers.set("X-Simulated-Time", "2020-03-01T10:00:00Z"));

        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 1);
        assertThat(downloadEvents(id).get(0).time()).isEqualTo(clock.instant());
    }

    @Test
    void rangesAndConditionalRequestsFollowRfc9110AndOnlyCompletedDownloadsCount() {
        String id = createProject("Licht en kleur");
        byte[] zip = TestFiles.zip("les1/kleurenwiel.pdf", "les2/prisma.docx", "les3/spectrum.xlsx");
        upload(id, "material", "licht.zip", zip);
        String etag = download(id, "material", BROWSER).getHeaders().getETag();
        clock.advance(Duration.ofMinutes(1));

        ResponseEntity<byte[]> notModified = download(id, "material", "Firefox/1", h -> h.setIfNoneMatch(etag));
        ResponseEntity<byte[]> start = download(id, "material", "Firefox/2", h -> h.set(HttpHeaders.RANGE, "bytes=0-9"));
        ResponseEntity<byte[]> end = download(id, "material", "Firefox/3", h -> h.set(HttpHeaders.RANGE, "bytes=" + (zip.length - 10) + "-"));
        ResponseEntity<byte[]> tail = download(id, "material", "Firefox/7", h -> h.set(HttpHeaders.RANGE, "bytes=-22"));
        ResponseEntity<byte[]> several = download(id, "material", "Firefox/4", h -> h.set(HttpHeaders.RANGE, "bytes=0-1,5-9"));
        ResponseEntity<byte[]> beyond = download(id, "material", "Firefox/5", h -> h.set(HttpHeaders.RANGE, "bytes=" + zip.length + "-"));
        ResponseEntity<byte[]> changed = download(id, "material", "Firefox/6", h -> {
            h.set(HttpHeaders.RANGE, "bytes=0-9");
            h.set(HttpHeaders.IF_RANGE, "\"stale\"");
        });

        assertThat(notModified.getStatusCode().value()).isEqualTo(304);
        assertThat(notModified.getBody()).isNull();
        assertThat(notModified.getHeaders().getCacheControl()).isEqualTo("no-cache, private");
        assertThat(start.getStatusCode().value()).isEqualTo(206);
        assertThat(start.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 0-9/" + zip.length);
        assertThat(start.getHeaders().getContentDisposition().getFilename()).isEqualTo("licht.zip");
        assertThat(start.getHeaders().getCacheControl()).isEqualTo("no-cache, private");
        assertThat(start.getBody()).isEqualTo(java.util.Arrays.copyOfRange(zip, 0, 10));
        assertThat(end.getStatusCode().value()).isEqualTo(206);
        assertThat(end.getBody()).isEqualTo(java.util.Arrays.copyOfRange(zip, zip.length - 10, zip.length));
        assertThat(tail.getStatusCode().value()).isEqualTo(206);
        assertThat(tail.getBody()).isEqualTo(java.util.Arrays.copyOfRange(zip, zip.length - 22, zip.length));
        assertThat(several.getStatusCode().value()).as("several ranges: the whole file").isEqualTo(200);
        assertThat(several.getBody()).isEqualTo(zip);
        assertThat(beyond.getStatusCode().value()).isEqualTo(416);
        assertThat(beyond.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */" + zip.length);
        assertThat(changed.getStatusCode().value()).as("If-Range with another version: the whole file").isEqualTo(200);
        // Counted: the first full download, the rest of a broken-off download (a range reaching the end), the full answers
        // to several ranges and to If-Range; not the browser's own copy (304: no file served), nor the first ten bytes, nor
        // a look at the ZIP's tail (a suffix range, as archive tools read the central directory).
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 4);
    }

    @Test
    void filesGoToTheConnectorsSendfileOrAreWrittenWhereItHasNoneAndAHeadRequestIsNoDownload() {
        String id = createProject("Zonnecellen");
        byte[] zip = TestFiles.zip("les1/zonnecel.pdf", "les2/meten.xlsx");
        upload(id, "material", "zon.zip", zip);
        int before = SendfileProbe.handedToSendfile.get();

        ResponseEntity<byte[]> zeroCopy = download(id, "material", "Firefox/10");
        int afterZeroCopy = SendfileProbe.handedToSendfile.get();
        ResponseEntity<byte[]> written = download(id, "material", "Firefox/11", h -> h.set("X-Test-Without-Sendfile", "1"));
        ResponseEntity<byte[]> writtenRange = download(id, "material", "Firefox/12", h -> {
            h.set("X-Test-Without-Sendfile", "1");
            h.set(HttpHeaders.RANGE, "bytes=" + (zip.length - 10) + "-");
        });
        ResponseEntity<Void> head = http.head().uri("/api/projects/{id}/assets/{kind}", id, "material")
                .header(HttpHeaders.USER_AGENT, "Firefox/13").retrieve().toBodilessEntity();

        assertThat(zeroCopy.getBody()).isEqualTo(zip);
        assertThat(afterZeroCopy).as("handed to sendfile").isEqualTo(before + 1);
        assertThat(written.getBody()).isEqualTo(zip);
        assertThat(writtenRange.getStatusCode().value()).isEqualTo(206);
        assertThat(writtenRange.getBody()).isEqualTo(java.util.Arrays.copyOfRange(zip, zip.length - 10, zip.length));
        assertThat(SendfileProbe.handedToSendfile.get()).as("the others were written").isEqualTo(afterZeroCopy);
        assertThat(head.getStatusCode().value()).isEqualTo(200);
        assertThat(head.getHeaders().getContentLength()).isEqualTo(zip.length);
        // Counted: the two full downloads and the range reaching the end; not the HEAD request.
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 3);
    }

    @Test
    void aFileIsServedFromTheDatabaseWhenNoLocalCopyCanBeMade() {
        String id = createProject("Elektromagneten");
        byte[] zip = TestFiles.zip("les1/spoel.pdf", "les2/kompas.pdf");
        upload(id, "material", "spoel.zip", zip);
        org.mockito.Mockito.doThrow(new java.io.UncheckedIOException(new java.io.IOException("No space left on device")))
                .when(files).file(org.mockito.ArgumentMatchers.any());
        try {
            ResponseEntity<byte[]> whole = download(id, "material", "Firefox/20");
            ResponseEntity<byte[]> resumed = download(id, "material", "Firefox/21", h -> h.set(HttpHeaders.RANGE, "bytes=5-"));

            assertThat(whole.getStatusCode().value()).isEqualTo(200);
            assertThat(whole.getBody()).isEqualTo(zip);
            assertThat(resumed.getStatusCode().value()).isEqualTo(206);
            assertThat(resumed.getBody()).isEqualTo(java.util.Arrays.copyOfRange(zip, 5, zip.length));
            org.mockito.Mockito.verify(files, org.mockito.Mockito.times(2)).file(org.mockito.ArgumentMatchers.any());
            await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 2);

            // Replaced by another instance meanwhile: read again, and the new file served from the database.
            byte[] after = TestFiles.zip("les1/spoel.pdf", "les2/kompas.pdf", "les3/motor.pdf");
            replaceMaterialAsAnotherInstance(id, after);
            ResponseEntity<byte[]> replaced = download(id, "material", "Firefox/22");
            assertThat(replaced.getStatusCode().value()).isEqualTo(200);
            assertThat(replaced.getBody()).isEqualTo(after);
        } finally {
            org.mockito.Mockito.reset(files);
        }
    }

    /** Another instance replaces the project's material: the project points at a new file and the old one is deleted. */
    private void replaceMaterialAsAnotherInstance(String id, byte[] after) {
        String other = createProject("Elders");
        upload(other, "material", "nieuw.zip", after);
        org.bson.Document replaced = mongo.getCollection("projects").find(new org.bson.Document("_id", other)).first()
                .get("assets", org.bson.Document.class).get("MATERIAL", org.bson.Document.class);
        org.bson.Document old = mongo.getCollection("projects").find(new org.bson.Document("_id", id)).first()
                .get("assets", org.bson.Document.class).get("MATERIAL", org.bson.Document.class);
        mongo.getCollection("projects").updateOne(new org.bson.Document("_id", id),
                new org.bson.Document("$set", new org.bson.Document("assets.MATERIAL", replaced)));
        mongo.getCollection("fs.files").deleteOne(new org.bson.Document("_id", new org.bson.types.ObjectId(old.getString("fileId"))));
    }

    @Test
    void storedFilesNoProjectPointsAtAreRemovedOnceOldEnough() {
        String id = createProject("Zonnestelsel");
        upload(id, "sheet", "zon.pdf", TestFiles.pdf("zon"));
        org.bson.types.ObjectId orphan = gridFs.store(new java.io.ByteArrayInputStream(TestFiles.pdf("wees")), "wees.pdf", "application/pdf");
        org.springframework.data.mongodb.core.query.Query byId = new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(orphan));

        // The test's clock lies months before the real one GridFS dates files by: an hour's age reaches none of them.
        assertThat(catalog.removeUnreferencedFiles(Duration.ofHours(1))).isZero();
        assertThat(gridFs.findOne(byId)).as("young: it may belong to an upload under way").isNotNull();
        // An age that reaches past the real now: every file no project points at.
        assertThat(catalog.removeUnreferencedFiles(Duration.between(Instant.now().plusSeconds(60), clock.instant()))).isPositive();

        assertThat(gridFs.findOne(byId)).isNull();
        assertThat(download(id, "sheet", "Firefox/30").getStatusCode().value()).as("a file a project points at stays").isEqualTo(200);
    }

    @Test
    void aFileReplacedByAnotherInstanceIsServedInItsNewVersion() {
        String id = createProject("Magnetisme");
        byte[] before = TestFiles.zip("les1/kompas.pdf");
        byte[] after = TestFiles.zip("les1/kompas.pdf", "les2/elektromagneet.pdf");
        upload(id, "material", "magneet.zip", before);
        upload(id, "sheet", "magneet.pdf", TestFiles.pdf("magneet"));
        download(id, "sheet", "Firefox/20"); // this instance now knows the project, material included
        replaceMaterialAsAnotherInstance(id, after);

        ResponseEntity<byte[]> served = download(id, "material", "Firefox/21");

        assertThat(served.getStatusCode().value()).isEqualTo(200);
        assertThat(served.getBody()).isEqualTo(after);
    }

    @Test
    void uploadsAreCheckedAndRejectedOnesLeaveNothing() {
        String id = createProject("Bouwen met lego");
        long filesBefore = mongo.getCollection("fs.files").countDocuments();

        ResponseEntity<String> traversal = upload(id, "material", "evil.zip", TestFiles.zip("les1/ok.txt", "../../../etc/cron.d/evil"));
        ResponseEntity<String> tooBig = upload(id, "sheet", "big.pdf", TestFiles.pdf("x".repeat(400 * 1024)));
        ResponseEntity<String> good = upload(id, "material", "lego.zip", TestFiles.zip("les1/bouwplan.pdf"));

        assertThat(traversal.getStatusCode().value()).isEqualTo(422);
        assertThat(traversal.getBody()).contains("unsafe path");
        assertThat(tooBig.getStatusCode().value()).as("above the asset size, below the multipart limit").isEqualTo(413);
        assertThat(tooBig.getBody()).contains("larger than 300 KB");
        assertThat(tooBig.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(good.getStatusCode().value()).isEqualTo(200);
        assertThat(good.getBody()).contains("les1/bouwplan.pdf");
        assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(filesBefore + 1);

        // Above the multipart limit too: refused before the catalogue sees it, as problem details or, for the page's form,
        // the service's page saying it was too large.
        byte[] huge = TestFiles.pdf("x".repeat(1200 * 1024));
        ResponseEntity<String> apiTooLarge = upload(id, "sheet", "huge.pdf", huge);
        ResponseEntity<String> pageTooLarge = opsPage("/ops/projects/" + id + "/assets/sheet", null, "huge.pdf", huge);
        assertThat(apiTooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(apiTooLarge.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(pageTooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(pageTooLarge.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(pageTooLarge.getBody()).contains("Te groot om te versturen");
        assertThat(mongo.getCollection("fs.files").countDocuments()).as("nothing stored").isEqualTo(filesBefore + 1);
    }

    @Test
    void aFileIsServedUnderTheExtensionOfWhatItIsWhateverItWasUploadedAs() {
        String id = createProject("Kleurenleer");
        assertThat(upload(id, "sheet", "fiche.html", TestFiles.pdf("kleuren")).getStatusCode().value()).isEqualTo(200);

        assertThat(download(id, "sheet", BROWSER).getHeaders().getContentDisposition().getFilename()).isEqualTo("fiche.html.pdf");
    }

    @Test
    void changesAndWithdrawalsArePublishedAndWithdrawnProjectsAreNotServed() {
        String id = createProject("Magnetisme");
        upload(id, "sheet", "magneet.pdf", TestFiles.pdf("magneet"));
        var update = Map.of("network", "ISTEM", "title", "Magnetisme en elektriciteit", "tags", List.of("fysica"));

        String read = http.get().uri("/api/projects/{id}", id).retrieve().toEntity(String.class).getHeaders().getETag();
        assertThat(http.put().uri("/api/projects/{id}", id).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, read)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(update).retrieve().toEntity(String.class)
                .getBody()).contains("Magnetisme en elektriciteit");
        // A second coordinator saving what they read before that change: 412, nothing overwritten.
        ResponseEntity<String> stale = http.put().uri("/api/projects/{id}", id).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, read)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(Map.of("network", "ISTEM", "title", "Magneten"))
                .retrieve().toEntity(String.class);
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(http.get().uri("/api/projects/{id}", id).retrieve().body(String.class)).contains("Magnetisme en elektriciteit");
        assertThat(http.post().uri("/api/projects/{id}/withdraw", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toEntity(String.class).getBody()).contains("WITHDRAWN");
        assertThat(download(id, "sheet", BROWSER).getStatusCode().value()).isEqualTo(404);
        // A withdrawn project is described to its network's operations team only.
        assertThat(http.get().uri("/api/projects/{id}", id).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.get().uri("/api/projects/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.get().uri("/api/projects/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toEntity(String.class).getBody()).contains("WITHDRAWN");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var types = TestKafka.records(Topics.DOWNLOADS, v -> v.contains(id)).stream()
                    .map(r -> codec.decode(r.value().getBytes(StandardCharsets.UTF_8)).type()).toList();
            assertThat(types).contains(EventCatalog.PROJECT_UPDATED.name(), EventCatalog.PROJECT_WITHDRAWN.name());
        });
    }

    @Test
    void publishingAPublicProjectAgainChangesNothing() {
        String id = createProject("Hefbomen");
        var publish = http.post().uri("/api/projects/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"));
        String first = publish.retrieve().body(JsonNode.class).get("publishedAt").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> published(id) == 1);

        JsonNode again = http.post().uri("/api/projects/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(JsonNode.class);

        assertThat(again.get("publishedAt").asString()).isEqualTo(first);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> published(id) == 1);
    }

    @Test
    void theSameDescriptionOrWithdrawalSentAgainChangesNothing() {
        String id = createProject("Katrollen");
        http.post().uri("/api/projects/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toBodilessEntity();
        var update = Map.of("network", "ISTEM", "title", "Katrollen en takels", "tags", List.of("mechanica"));
        for (int sent = 0; sent < 2; sent++) { // a client retrying after a lost answer
            http.put().uri("/api/projects/{id}", id).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                    .body(update).retrieve().toBodilessEntity();
        }
        java.util.Date withdrawnAt = null;
        for (int sent = 0; sent < 2; sent++) {
            http.post().uri("/api/projects/{id}/withdraw", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toBodilessEntity();
            clock.advance(Duration.ofMinutes(1));
            java.util.Date stored = mongo.findById(id, org.bson.Document.class, "projects").getDate("withdrawnAt");
            withdrawnAt = withdrawnAt == null ? stored : withdrawnAt;
            assertThat(stored).as("withdrawn since the first time").isEqualTo(withdrawnAt);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> published(id, EventCatalog.PROJECT_WITHDRAWN) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                published(id, EventCatalog.PROJECT_UPDATED) == 1 && published(id, EventCatalog.PROJECT_WITHDRAWN) == 1);
    }

    private long published(String projectId) {
        return published(projectId, EventCatalog.PROJECT_PUBLISHED);
    }

    private long published(String projectId, org.stemreach.model.event.EventType<?> type) {
        return TestKafka.records(Topics.DOWNLOADS, v -> v.contains(projectId)).stream()
                .filter(r -> codec.decode(r.value().getBytes(StandardCharsets.UTF_8)).type().equals(type.name()))
                .count();
    }

    @Test
    void externalChannelFiguresAreReportedAsEvents() {
        String csv = "channel;metric;network;period;value\n"
                + "klascement;resources_viewed;ISTEM;2026;12500\n"
                + "klascement;resources_used;ISTEM;2026;3400\n";
        String bad = "channel;metric;network;period;value\nklascement;resources_viewed;ISTEM;26;veel\n";

        ResponseEntity<String> uploaded = http.post().uri("/api/ops/external-figures").contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(csv).retrieve().toEntity(String.class);
        ResponseEntity<String> refused = http.post().uri("/api/ops/external-figures").contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(bad).retrieve().toEntity(String.class);
        ResponseEntity<String> otherNetwork = http.post().uri("/api/ops/external-figures").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .body(Map.of("channel", "facebook", "metric", "reach", "network", "STEMBASIS", "period", "2026", "value", 10))
                .retrieve().toEntity(String.class);

        assertThat(uploaded.getStatusCode().value()).isEqualTo(204);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("\"line\":2");
        assertThat(otherNetwork.getStatusCode().value()).isEqualTo(403);
        // The JSON way is checked as a file's line is: a period that is none, a value no channel reaches.
        for (Map<String, Object> wrong : List.of(
                Map.<String, Object>of("channel", "facebook", "metric", "reach", "network", "ISTEM", "period", "1999", "value", 10),
                Map.<String, Object>of("channel", "facebook", "metric", "reach", "network", "ISTEM", "period", "2999", "value", 10),
                Map.<String, Object>of("channel", "facebook", "metric", "reach", "network", "ISTEM", "period", "2026", "value", 1e15))) {
            ResponseEntity<String> answer = http.post().uri("/api/ops/external-figures").contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(wrong).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as(wrong.toString()).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(mongo.getCollection("external_figures").countDocuments(new org.bson.Document("channel", "facebook"))).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestKafka.records(Topics.DOWNLOADS,
                v -> v.contains(EventCatalog.EXTERNAL_FIGURE_REPORTED.name()) && v.contains("12500"))).hasSize(1));
        // Every doubtful line named, with the file's own line numbers (a blank line counted), and nothing reported.
        String doubtful = "channel;metric;network;period;value\n"
                + "facebook;reach;ISTEM;2026;12,500\n"
                + "\n"
                + "facebook;clicks;ISTEM;2026;400\n"
                + "facebook;clicks;ISTEM;2026;410\n"
                + "facebook;views;ISTEM;2099;10\n"
                + "facebook;likes;ISTEM;2026;99999999999999999999\n";
        ResponseEntity<JsonNode> named = http.post().uri("/api/ops/external-figures").contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(doubtful).retrieve().toEntity(JsonNode.class);
        assertThat(named.getStatusCode().value()).isEqualTo(400);
        assertThat(named.getBody().get("errors")).extracting(e -> e.get("line").asInt()).containsExactly(2, 5, 6, 7);
        assertThat(named.getBody().get("errors").get(0).get("message").asString()).contains("12500 or 12,5");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> TestKafka.records(Topics.DOWNLOADS,
                v -> v.contains(EventCatalog.EXTERNAL_FIGURE_REPORTED.name()) && v.contains("\"clicks\"")).isEmpty());
    }

    @Test
    void thePublicPagesListProjectsAndOfferTheirFiles() {
        String id = createProject("Waterkringloop in een fles");
        upload(id, "sheet", "water.pdf", TestFiles.pdf("water"));

        String list = http.get().uri("/projects?q=waterkringloop").retrieve().body(String.class);
        String page = http.get().uri("/projects/{id}", id).retrieve().body(String.class);
        String english = http.get().uri("/projects/{id}?lang=en", id).retrieve().body(String.class);

        assertThat(list).contains("Lesmateriaal").contains("Waterkringloop in een fles").contains("Nieuw");
        String accented = createProject("Één druppel, één oceaan");
        http.post().uri("/api/projects/{id}/publish", accented).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toBodilessEntity();
        assertThat(http.get().uri("/projects?q=een druppel").retrieve().body(String.class)).as("searched without its accents")
                .contains("Één druppel, één oceaan");
        assertThat(page).contains("Projectfiche (PDF)").contains("/api/projects/" + id + "/assets/sheet");
        assertThat(english).contains("Project sheet (PDF)");
        ResponseEntity<String> missing = http.get().uri("/projects/{id}", "no-such-project").accept(MediaType.TEXT_HTML).retrieve().toEntity(String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(missing.getBody()).contains("id=\"missing\"").contains("bestaat niet");
    }

    @Test
    void theListOfProjectsComesInPagesThatKeepTheSearch() {
        for (int i = 1; i <= Paging.SIZE + 2; i++) {
            String id = createProject("Paginering %02d".formatted(i));
            http.post().uri("/api/projects/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toBodilessEntity();
        }

        // The list itself (after its heading): the "new" box above it may show any of them.
        String first = allProjects(http.get().uri("/projects?q=paginering").retrieve().body(String.class));
        String second = allProjects(http.get().uri("/projects?q=paginering&page=2").retrieve().body(String.class));

        assertThat(first).contains("Projecten 1–24 van 26").contains("Paginering 01").contains("Paginering 24").doesNotContain("Paginering 25")
                .contains("href=\"/projects?q=paginering&amp;page=2\"").doesNotContain("rel=\"prev\"");
        assertThat(second).contains("Projecten 25–26 van 26").contains("Paginering 25").contains("Paginering 26").doesNotContain("Paginering 01")
                .contains("href=\"/projects?q=paginering\"").doesNotContain("rel=\"next\"");
        assertThat(http.get().uri("/projects?q=paginering&page=9").retrieve().body(String.class)).as("beyond the last page: the last")
                .contains("Projecten 25–26 van 26");
        assertThat(http.get().uri("/projects?q=paginering&page=x&lang=en").retrieve().body(String.class)).as("not a number: the first")
                .contains("Projects 1–24 of 26").contains("Page 1 of 2");
    }

    private static String allProjects(String page) {
        return page.substring(page.indexOf("id=\"all\""));
    }

    @Test
    void robotsAreServedButNotCounted() {
        String id = createProject("Sterrenkunde in de klas");
        upload(id, "sheet", "sterren.pdf", TestFiles.pdf("sterren"));

        assertThat(download(id, "sheet", "Mozilla/5.0 (compatible; Googlebot/2.1)").getStatusCode().value()).isEqualTo(200);
        assertThat(download(id, "sheet", "curl/8.5.0").getStatusCode().value()).isEqualTo(200);
        download(id, "sheet", BROWSER);

        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> downloadEvents(id).size() == 1);
    }

    @Test
    void noRawIpAddressIsStored() {
        String id = createProject("Meten is weten");
        upload(id, "sheet", "meten.pdf", TestFiles.pdf("meten"));
        download(id, "sheet", BROWSER);
        await().atMost(Duration.ofSeconds(10)).until(() -> downloadEvents(id).size() == 1);

        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(document ->
                    assertThat(document.toJson()).doesNotContain("127.0.0.1").doesNotContain("0:0:0:0:0:0:0:1"));
        }
        assertThat(downloadEvents(id).get(0).data().toString()).doesNotContain("127.0.0.1");
        assertThat(TestKafka.records(Topics.DOWNLOADS, v -> true)).allSatisfy(record ->
                assertThat(record.value()).doesNotContain("127.0.0.1").doesNotContain("0:0:0:0:0:0:0:1"));
    }

    @Test
    void refusesAFileThatIsNotWhatItClaimsAndKeepsNothing() {
        String id = createProject("Elektriciteit");
        long filesBefore = mongo.getCollection("fs.files").countDocuments();

        ResponseEntity<String> response = upload(id, "sheet", "fake.pdf", TestFiles.zip("not-a-pdf.txt"));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(filesBefore);
        assertThat(download(id, "sheet", BROWSER).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void changesNeedTheOperationsRoleOfTheProjectsNetwork() {
        String id = createProject("Chemie in de keuken");
        long projectsBefore = mongo.getCollection("projects").countDocuments();
        var create = Map.of("network", "ISTEM", "title", "Niet toegestaan");

        for (String token : new String[]{null, TestTokens.forged("OPS:ISTEM"), TestTokens.expired("OPS:ISTEM")}) {
            var request = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON);
            if (token != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, token);
            }
            ResponseEntity<String> response = request.body(create).retrieve().toEntity(String.class);
            assertThat(response.getStatusCode().value()).as("token " + token).isEqualTo(401);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<String> otherNetwork = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS")).body(create).retrieve().toEntity(String.class);
        ResponseEntity<String> otherUpload = http.post().uri("/api/projects/{id}/publish", id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS")).retrieve().toEntity(String.class);

        assertThat(otherNetwork.getStatusCode().value()).isEqualTo(403);
        assertThat(otherUpload.getStatusCode().value()).isEqualTo(403);
        assertThat(mongo.getCollection("projects").countDocuments()).isEqualTo(projectsBefore);
        // Another network's draft does not exist for them: 404, as an unknown id, so its id is not confirmed.
        String draft = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .body(Map.of("network", "ISTEM", "title", "Nog niet klaar", "publish", false)).retrieve().body(JsonNode.class).get("id").asString();
        assertThat(http.post().uri("/api/projects/{id}/publish", draft).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.get().uri("/api/projects/{id}", id).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void badRequestsAreProblemDetailsAndWriteNothing() {
        long projectsBefore = mongo.getCollection("projects").countDocuments();

        ResponseEntity<String> malformed = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).body("{\"network\": \"ISTEM\", \"title\": ").retrieve().toEntity(String.class);
        ResponseEntity<String> operator = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).body("{\"network\": \"ISTEM\", \"title\": {\"$gt\": \"\"}}").retrieve().toEntity(String.class);
        ResponseEntity<String> missing = http.post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).body("{\"network\": \"istem\"}").retrieve().toEntity(String.class);
        ResponseEntity<String> unknown = http.get().uri("/api/projects/does-not-exist").retrieve().toEntity(String.class);
        ResponseEntity<String> badKind = http.get().uri("/api/projects/x/assets/video").retrieve().toEntity(String.class);

        for (ResponseEntity<String> response : List.of(malformed, operator, missing, badKind)) {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mongo.getCollection("projects").countDocuments()).isEqualTo(projectsBefore);
    }
}
