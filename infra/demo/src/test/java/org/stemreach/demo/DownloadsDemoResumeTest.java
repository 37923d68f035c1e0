package org.stemreach.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A download cannot be sent twice without counting twice: a demo load stopped halfway resumes after the last download it
 * started, another day as well, and sends none of them again.
 */
class DownloadsDemoResumeTest {

    static {
        // The JDK's test server otherwise waits for delayed acknowledgements: ~40 ms per download.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Clock DAY_ONE = Clock.fixed(Instant.parse("2027-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Clock DAY_TWO = Clock.fixed(Instant.parse("2027-03-02T10:00:00Z"), ZoneOffset.UTC);

    private final List<FakeContentDownloads> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.http.stop(0));
    }

    @Test
    void aLoadStoppedHalfwayResumesWithoutSendingAnyDownloadTwice(@TempDir Path data) throws Exception {
        FakeContentDownloads everything = start(-1);
        new DownloadsDemo().load(context(everything, DAY_ONE, null));
        List<String> planned = everything.downloads();
        assertThat(planned).hasSizeGreaterThan(1_000).doesNotHaveDuplicates();

        Path progress = data.resolve("demo").resolve("progress.properties");
        FakeContentDownloads platform = start(500);
        DemoContext first = context(platform, DAY_ONE, progress);
        assertThatThrownBy(() -> DemoYear.load(first, List.of(new DownloadsDemo()))).hasMessageContaining("503");
        assertThat(DemoYear.loaded(new DownloadsDemo(), context(platform, DAY_TWO, progress))).as("stopped halfway").isFalse();

        DemoContext nextDay = context(platform, DAY_TWO, progress);
        assertThat(nextDay.today()).as("the first load's anchor").isEqualTo(first.today());
        DemoYear.load(nextDay, List.of(new DownloadsDemo()));

        List<String> sent = platform.downloads();
        assertThat(sent).as("no download sent twice").doesNotHaveDuplicates();
        assertThat(planned).containsAll(sent);
        assertThat(planned.size() - sent.size()).as("only the refused one and those in flight with it are left out")
                .isBetween(1, DownloadsDemo.IN_FLIGHT);
        assertThat(platform.created).as("each project created once, with its two files").hasSize(DownloadsDemo.PROJECTS.size());
        assertThat(platform.uploads.get()).isEqualTo(2 * DownloadsDemo.PROJECTS.size());
        assertThat(DemoYear.loaded(new DownloadsDemo(), context(platform, DAY_TWO, progress))).isTrue();
        DemoYear.load(context(platform, DAY_TWO, progress), List.of(new DownloadsDemo()));
        assertThat(platform.downloads()).as("loaded: nothing more").hasSameSizeAs(sent);
    }

    @Test
    void withoutKeptProgressTheFirstProjectTellsWhetherItWasLoaded() throws Exception {
        FakeContentDownloads platform = start(-1);
        DemoContext demo = context(platform, DAY_ONE, null);
        assertThat(new DownloadsDemo().alreadyLoaded(demo)).isFalse();
        new DownloadsDemo().load(demo);
        assertThat(new DownloadsDemo().alreadyLoaded(demo)).isTrue();
    }

    private DemoContext context(FakeContentDownloads server, Clock clock, Path progress) {
        String url = "http://127.0.0.1:" + server.http.getAddress().getPort();
        return new DemoContext(url, Map.of("content-downloads", url), clock, progress);
    }

    private FakeContentDownloads start(int refuseDownloadNumber) throws IOException {
        FakeContentDownloads server = new FakeContentDownloads(refuseDownloadNumber);
        servers.add(server);
        return server;
    }

    /** The gateway's sign-in and the content-downloads API, as far as the demo uses them; it remembers every download. */
    private static final class FakeContentDownloads {

        private static final JsonMapper JSON = new JsonMapper();
        final HttpServer http;
        final Map<String, String> created = new ConcurrentHashMap<>();
        final Map<String, Set<String>> assets = new ConcurrentHashMap<>();
        final AtomicInteger uploads = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> downloads = new ConcurrentLinkedQueue<>();
        private final AtomicInteger received = new AtomicInteger();
        private final int refuse;

        FakeContentDownloads(int refuseDownloadNumber) throws IOException {
            this.refuse = refuseDownloadNumber;
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newFixedThreadPool(8));
            http.createContext("/", this::handle);
            http.start();
        }

        List<String> downloads() {
            return new ArrayList<>(downloads);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/login")) {
                exchange.getResponseHeaders().add("Set-Cookie", "XSRF-TOKEN=token; Path=/");
                answer(exchange, 200, "");
            } else if (method.equals("GET") && path.equals("/api/projects")) {
                List<String> views = new ArrayList<>();
                created.forEach((id, title) -> views.add("{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"assets\":{"
                        + String.join(",", assets.getOrDefault(id, Set.of()).stream().map(kind -> "\"" + kind + "\":{}").toList()) + "}}"));
                answer(exchange, 200, "[" + String.join(",", views) + "]");
            } else if (method.equals("POST") && path.equals("/content/api/projects")) {
                String id = "p" + created.size();
                created.put(id, JSON.readTree(body).get("title").asString());
                answer(exchange, 201, "{\"id\":\"" + id + "\"}");
            } else if (method.equals("PUT") && path.startsWith("/content/api/projects/")) {
                String[] parts = path.split("/");
                assets.computeIfAbsent(parts[4], id -> ConcurrentHashMap.newKeySet()).add(parts[6].toUpperCase());
                uploads.incrementAndGet();
                answer(exchange, 200, "{}");
            } else if (method.equals("GET") && path.startsWith("/api/projects/")) {
                if (received.incrementAndGet() == refuse) {
                    answer(exchange, 503, "");
                    return;
                }
                downloads.add(path + " " + exchange.getRequestHeaders().getFirst("User-Agent") + " "
                        + exchange.getRequestHeaders().getFirst("X-Simulated-Time"));
                answer(exchange, 200, "file");
            } else {
                answer(exchange, 404, "");
            }
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        }
    }
}
