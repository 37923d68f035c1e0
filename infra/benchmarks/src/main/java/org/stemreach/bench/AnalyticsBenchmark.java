package org.stemreach.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.stemreach.demo.GatewaySession;
import org.stemreach.model.period.ReportingPeriodScheme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analytics benchmarks of the analytics issue, in one run on one broker, against the running local platform:
 * <ul>
 *   <li>P1: events/s applied by analytics while a history is produced, against Kafka's own consumer perf tool
 *       ({@code ConsumerPerformance}, what {@code kafka-consumer-perf-test.sh} runs) reading the same topic;</li>
 *   <li>P5: the full KPI document's latency after a change (nothing cached) and unchanged, at each history size;</li>
 *   <li>P2: downloads accepted by the content-downloads API at a steady rate, until the KPI document shows them (after
 *       a warm-up at the same rate, {@code --p2-warmup} seconds (default 120 in the full run, 20 with {@code --only p2}),
 *       reported apart: P1 and P5 never call content-downloads, whose code would otherwise be measured while the JIT
 *       compiles it);</li>
 *   <li>P6: a replay of the whole history into a fresh generation, with the KPI documents compared before and after.</li>
 * </ul>
 * {@code java -jar infra/benchmarks/target/stemreach-benchmarks.jar analytics --events 1000000,10000000}
 * ({@code --only p2} runs P2 alone; {@code --seed} makes the history repeatable on a fresh platform).
 */
final class AnalyticsBenchmark {

    private static final JsonMapper JSON = new JsonMapper();

    private final String kafka;
    private final String gateway;
    private final String analytics;
    private final String downloads;
    private final Path kafkaLib;
    /** Downloads in flight at most in P2 (a browser population, not a flood). */
    private static final int IN_FLIGHT = 128;

    static {
        // Kept-alive connections per host for HttpURLConnection (default 5): one per sender.
        System.setProperty("http.maxConnections", String.valueOf(IN_FLIGHT));
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final GatewaySession admin;
    private final String period = ReportingPeriodScheme.DEFAULT.periodOf(Instant.now()).label();
    private final List<String> report = new ArrayList<>();

    private AnalyticsBenchmark(Options options) {
        this.kafka = options.get("kafka", "localhost:9092");
        this.gateway = options.get("gateway", "http://localhost:8080");
        this.analytics = options.get("analytics", "http://localhost:8084");
        this.downloads = options.get("downloads", "http://localhost:8083");
        this.kafkaLib = Path.of(options.get("kafka-lib", "infra/kafka-broker/target/lib"));
        this.admin = new GatewaySession(gateway, "admin", options.get("password", "stemreach"));
    }

    static void run(Options options) throws Exception {
        AnalyticsBenchmark bench = new AnalyticsBenchmark(options);
        // A signed-in session, as the dashboards have: no password check per request.
        bench.admin.signIn("admin", options.get("password", "stemreach"));
        List<Long> steps = new ArrayList<>();
        for (String step : options.get("events", "1000000,10000000").split(",")) {
            steps.add(Long.parseLong(step.strip()));
        }
        // Event ids come from the seed: a new one for every run on the same platform, or their events are duplicates.
        long seed = Long.parseLong(options.get("seed", String.valueOf(System.nanoTime())));
        if (options.get("only", "").equals("p2")) {
            bench.p2(options.getInt("p2-rate", 1000), options.getInt("p2-warmup", 20), options.getInt("p2-seconds", 30));
            bench.report.forEach(System.out::println);
            return;
        }
        // The full run's P2 meets a content-downloads no request has warmed yet: on two cores it needs about a minute and a
        // half at 1 000/s before its pipeline keeps pace (docs/benchmarks.md, sixth session), so the warm-up is longer.
        bench.all(new HistoryEvents(seed, Instant.now()), steps, options.getInt("p2-rate", 1000), options.getInt("p2-warmup", 120),
                options.getInt("p2-seconds", 30),
                options.getInt("kpi-samples", 200));
    }

    private void all(HistoryEvents history, List<Long> steps, int p2Rate, int p2Warmup, int p2Seconds, int samples) throws Exception {
        long produced = 0;
        long downloadsProduced = 0;
        boolean p2Done = false;
        for (long step : steps) {
            // P1
            long before = applied();
            long start = System.nanoTime();
            long[] counts = produce(history, step - produced);
            long sent = System.nanoTime();
            AtomicLong tenPercent = new AtomicLong();
            long total = step - produced;
            long done = waitUntilApplied(before + total, before, total, tenPercent);
            double seconds = (done - start) / 1e9;
            double sustained = 0.8 * total / ((done - tenPercent.get()) / 1e9);
            produced = step;
            downloadsProduced += counts[0];
            double raw = rawConsumerRate(HistoryEvents.DOWNLOADS, counts[0]);
            log("P1 %,d events (%,d downloads, %,d registrations events): produced in %.1f s; all applied after %.1f s = %,.0f events/s;"
                            + " sustained (10→100 %%) %,.0f events/s; raw consumer perf on %s (%,d records): %,.0f records/s; ratio %.1f %%",
                    total, counts[0], counts[1], (sent - start) / 1e9, seconds, total / seconds, sustained, HistoryEvents.DOWNLOADS,
                    counts[0], raw, 100 * sustained / raw);
            report.add(String.format("| P1 | %,d | analytics %,.0f events/s sustained (%,.0f overall) | raw consumer %,.0f records/s | %.1f %% |",
                    step, sustained, total / seconds, raw, 100 * sustained / raw));
            // P5
            kpiLatency(step, samples, history);
            // P2, once, on the first history
            if (!p2Done) {
                p2(p2Rate, p2Warmup, p2Seconds);
                p2Done = true;
            }
        }
        // P6
        replay(produced);
        System.out.println("\n| benchmark | history (events) | result | reference | |\n|---|---|---|---|---|");
        report.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- P1

    private long[] produce(HistoryEvents history, long count) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        long downloadsCount = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                HistoryEvents.Event event = history.next();
                if (event.download()) {
                    downloadsCount++;
                }
                producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()));
            }
            producer.flush();
        }
        return new long[]{downloadsCount, count - downloadsCount};
    }

    /** Waits until analytics has applied {@code target} events in all; returns when, and when 10 % were applied. */
    private long waitUntilApplied(long target, long before, long total, AtomicLong tenPercent) throws Exception {
        long last = before;
        long lastChange = System.nanoTime();
        while (true) {
            long now = applied();
            long at = System.nanoTime();
            if (tenPercent.get() == 0 && now - before >= total / 10) {
                tenPercent.set(at);
            }
            if (now >= target) {
                return at;
            }
            if (now != last) {
                last = now;
                lastChange = at;
            } else if (at - lastChange > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException("analytics stopped applying at " + (now - before) + " of " + total + " events");
            }
            Thread.sleep(500);
        }
    }

    /** Events applied by analytics so far (its Prometheus counter). */
    private long applied() throws Exception {
        String metrics = get(analytics + "/actuator/prometheus", null).body();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("stemreach_events_applied_total{") && line.contains("projection=\"kpis\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    /** Kafka's consumer perf tool (kafka-consumer-perf-test) on the same broker and topic: fetch records/s. */
    private double rawConsumerRate(String topic, long messages) throws Exception {
        if (!Files.isDirectory(kafkaLib)) {
            throw new IllegalStateException("no Kafka class path at " + kafkaLib + " (build infra/kafka-broker)");
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", kafkaLib.toAbsolutePath() + "/*", "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", kafka, "--topic", topic, "--messages", String.valueOf(messages),
                "--group", "perf-" + UUID.randomUUID(), "--timeout", "60000")
                .redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.isBlank() && Character.isDigit(line.charAt(0))) {
                    last = line;
                }
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException("ConsumerPerformance failed: " + last);
        }
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
        // fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        String[] columns = last.split(",\\s*");
        return Double.parseDouble(columns[9]);
    }

    // ---------------------------------------------------------------- P5

    private void kpiLatency(long history, int samples, HistoryEvents events) throws Exception {
        String path = "/analytics/api/kpis?network=ISTEM&period=" + period;
        // Warm-up, and the figure to follow.
        for (int i = 0; i < 50; i++) {
            admin.call("GET", path, null);
        }
        Histogram fresh = new Histogram(3);
        int warmUps = Math.min(50, samples / 4);
        Histogram cached = new Histogram(3);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        int stale = 0;
        Map<Double, Long> serverBefore = Map.of();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long indirect = JSON.readTree(admin.call("GET", path, null)).get("reach").get("indirect").asLong();
            // The first rounds warm the "after a change" path up (JIT); they are not measured.
            for (int i = -warmUps; i < samples; i++) {
                if (i == 0) {
                    serverBefore = kpiRequestBuckets();
                }
                // A change, so that nothing is cached: one more download of this period, applied before the request.
                HistoryEvents.Event event = events.download("ISTEM", Instant.now());
                producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value())).get();
                long target = ++indirect;
                // Applied within a few hundred milliseconds (the answer shows whether it was: stale ones are skipped).
                Thread.sleep(400);
                long start = System.nanoTime();
                String body = admin.call("GET", path, null);
                long took = System.nanoTime() - start;
                if (i < 0) {
                    continue;
                }
                if (JSON.readTree(body).get("reach").get("indirect").asLong() != target) {
                    stale++;
                    indirect = JSON.readTree(admin.call("GET", path, null)).get("reach").get("indirect").asLong();
                    continue;
                }
                fresh.recordValue(took / 1000);
            }
        }
        Map<Double, Long> serverAfter = kpiRequestBuckets();
        for (int i = 0; i < samples * 5; i++) {
            long start = System.nanoTime();
            admin.call("GET", path, null);
            cached.recordValue((System.nanoTime() - start) / 1000);
        }
        // Inside analytics (its http.server.requests histogram, bucket upper bounds): without the gateway hop.
        double server50 = percentile(serverBefore, serverAfter, 0.50);
        double server99 = percentile(serverBefore, serverAfter, 0.99);
        log("P5 history %,d: full KPI document after a change: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples, %d skipped as not yet applied);"
                        + " in analytics p50 ≤ %.1f ms, p99 ≤ %.1f ms; unchanged (cached): p50 %.1f ms, p99 %.1f ms",
                history, ms(fresh, 50), ms(fresh, 99), fresh.getMaxValue() / 1000.0, fresh.getTotalCount(), stale, server50, server99,
                ms(cached, 50), ms(cached, 99));
        report.add(String.format("| P5 | %,d | KPI document after a change: in analytics p99 ≤ %.1f ms (p50 ≤ %.1f); through the gateway p99 %.1f ms (p50 %.1f) | target p99 ≤ 20 ms | unchanged, through the gateway: p99 %.1f ms (p50 %.1f) |",
                history, server99, server50, ms(fresh, 99), ms(fresh, 50), ms(cached, 99), ms(cached, 50)));
    }

    /** Cumulative counts per bucket upper bound (seconds) of analytics' successful KPI requests. */
    private Map<Double, Long> kpiRequestBuckets() throws Exception {
        Map<Double, Long> buckets = new java.util.TreeMap<>();
        for (String line : get(analytics + "/actuator/prometheus", null).body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/api/kpis\"")
                    && line.contains("status=\"200\"")) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(upper, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum);
            }
        }
        return buckets;
    }

    /** The bucket upper bound (ms) under which {@code fraction} of the requests between two scrapes fell. */
    private static double percentile(Map<Double, Long> before, Map<Double, Long> after, double fraction) {
        long total = after.getOrDefault(Double.POSITIVE_INFINITY, 0L) - before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        for (Map.Entry<Double, Long> bucket : after.entrySet()) {
            long count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
            if (total > 0 && count >= Math.ceil(fraction * total)) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    // ---------------------------------------------------------------- P2

    /** P2 after a warm-up at the same rate; every warm-up download is visible before the measured ones are sent. */
    private void p2(int rate, int warmupSeconds, int seconds) throws Exception {
        if (warmupSeconds > 0) {
            acceptToVisible(rate, warmupSeconds, false);
        }
        acceptToVisible(rate, seconds, true);
    }

    private void acceptToVisible(int rate, int seconds, boolean measured) throws Exception {
        String project = DownloadSetup.smallProject(admin, "ISTEM");
        String kpis = "/analytics/api/kpis?network=ISTEM&period=" + period;
        long baseline = JSON.readTree(admin.call("GET", kpis, null)).get("reach").get("indirect").asLong();
        int total = rate * seconds;
        long[] acceptedAt = new long[total];
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong pollFailures = new AtomicLong();
        AtomicLong notSent = new AtomicLong();
        Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        // A browser population, not a flood: at most this many downloads in flight; the rest is not sent (and reported).
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<long[]> observations = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(total);
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long value = JSON.readTree(admin.call("GET", kpis, null)).get("reach").get("indirect").asLong();
                    observations.add(new long[]{System.nanoTime(), value - baseline});
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    pollFailures.incrementAndGet();
                }
            }
        }, "kpi-poller");
        poller.start();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        // One blocking sender per download in flight, on kept-alive connections: the JDK's asynchronous HttpClient cost
        // the load generator ~0.7 ms of CPU per download, a quarter of the two cores the platform runs on.
        ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "p2-sender");
            thread.setDaemon(true);
            return thread;
        });
        URL asset = URI.create(downloads + "/api/projects/" + project + "/assets/sheet").toURL();
        AtomicLong next = new AtomicLong();
        long periodNanos = 1_000_000_000L / rate;
        pacer.scheduleAtFixedRate(() -> {
            long i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            if (!inFlight.tryAcquire()) {
                notSent.incrementAndGet();
                finished.countDown();
                return;
            }
            // Each request another browser (user agent), so each download counts.
            String userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0 r" + i;
            senders.execute(() -> {
                String failure = null;
                try {
                    int status = download(asset, userAgent);
                    if (status == 200) {
                        acceptedAt[(int) accepted.getAndIncrement()] = System.nanoTime();
                    } else {
                        failure = "HTTP " + status;
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e.getClass().getSimpleName();
                } finally {
                    inFlight.release();
                }
                if (failure != null) {
                    failed.incrementAndGet();
                    failures.computeIfAbsent(failure, key -> new AtomicLong()).incrementAndGet();
                }
                finished.countDown();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        finished.await(seconds + 60L, TimeUnit.SECONDS);
        long sendSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        pacer.shutdownNow();
        senders.shutdownNow();
        long count = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && observations.stream().noneMatch(o -> o[1] >= count)) {
            Thread.sleep(50);
        }
        poller.interrupt();
        poller.join();
        List<long[]> seen = new ArrayList<>(observations);
        Histogram latency = new Histogram(3);
        // The slowest download per second of acceptance, to find stalls in the services' logs (wall-clock seconds).
        java.util.TreeMap<Long, Long> slowestPerSecond = new java.util.TreeMap<>();
        long wallOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        int k = 0;
        for (int i = 0; i < count; i++) {
            // The i-th accepted download is visible once the figure reaches i + 1.
            while (k < seen.size() && seen.get(k)[1] < i + 1) {
                k++;
            }
            if (k == seen.size()) {
                throw new IllegalStateException("download " + (i + 1) + " of " + count + " never became visible");
            }
            long visible = seen.get(k)[0];
            latency.recordValue(Math.max(0, visible - acceptedAt[i]) / 1000);
            slowestPerSecond.merge((wallOffsetMillis + acceptedAt[i] / 1_000_000) / 1000, (visible - acceptedAt[i]) / 1_000_000, Math::max);
        }
        String stalls = slowestPerSecond.entrySet().stream().filter(e -> e.getValue() > 1000).limit(12)
                .map(e -> java.time.LocalTime.ofInstant(Instant.ofEpochSecond(e.getKey()), java.time.ZoneOffset.UTC) + " (" + e.getValue() + " ms)")
                .collect(java.util.stream.Collectors.joining(", "));
        log((measured ? "P2" : "P2 warm-up (not measured)") + " %d downloads/s for %d s (%d accepted, %d failed %s, %d not sent with " + IN_FLIGHT + " in flight, sent in %d s): accept → visible"
                        + " in the KPI document p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d KPI polls, %d failed)",
                rate, seconds, count, failed.get(), failures, notSent.get(), sendSeconds, ms(latency, 50), ms(latency, 99),
                latency.getMaxValue() / 1000.0, seen.size(), pollFailures.get());
        log("P2 seconds (UTC) whose slowest accepted download took over 1 s to become visible: %s", stalls.isEmpty() ? "none" : stalls);
        if (!measured) {
            return;
        }
        report.add(String.format("| P2 | (after the first) | %d downloads/s offered: accept → visible p99 %.0f ms (p50 %.0f, max %.0f) | target p99 ≤ 1 000 ms | %d accepted (%.0f/s), %d failed, %d not sent |",
                rate, ms(latency, 99), ms(latency, 50), latency.getMaxValue() / 1000.0, count, count / (double) Math.max(1, sendSeconds),
                failed.get(), notSent.get()));
    }

    /** Downloads one asset as a browser would (the whole body), on a kept-alive connection; returns the status. */
    private static int download(URL asset, String userAgent) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) asset.openConnection();
        connection.setRequestProperty("User-Agent", userAgent);
        int status = connection.getResponseCode();
        // Read to the end and closed: the connection goes back to the keep-alive cache.
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
        return status;
    }

    // ---------------------------------------------------------------- P6

    private void replay(long history) throws Exception {
        String allPath = "/analytics/api/kpis?network=ALL&period=" + period;
        String previousPath = "/analytics/api/kpis?network=ALL&period=" + ReportingPeriodScheme.DEFAULT.previous(
                ReportingPeriodScheme.DEFAULT.periodOf(Instant.now())).label();
        String before = withoutTime(admin.call("GET", allPath, null)) + withoutTime(admin.call("GET", previousPath, null));
        long start = System.nanoTime();
        admin.call("POST", "/analytics/api/ops/replay", null);
        JsonNode state;
        do {
            Thread.sleep(1000);
            state = JSON.readTree(admin.call("GET", "/analytics/api/ops/replay", null));
        } while (state.get("state").asString().equals("RUNNING"));
        double seconds = (System.nanoTime() - start) / 1e9;
        String after = withoutTime(admin.call("GET", allPath, null)) + withoutTime(admin.call("GET", previousPath, null));
        log("P6 replay of %,d events: %s after %.0f s (%,.0f events/s); KPI documents %s", history, state.get("state").asString(), seconds,
                history / seconds, before.equals(after) ? "identical before and after" : "DIFFERENT before and after");
        report.add(String.format("| P6 | %,d | replay %s in %.0f s (%,.0f events/s) | target ≤ 600 s | KPI documents %s |", history,
                state.get("state").asString(), seconds, history / seconds, before.equals(after) ? "identical" : "DIFFERENT"));
    }

    private static String withoutTime(String document) {
        ObjectNode node = (ObjectNode) JSON.readTree(document);
        node.remove("generatedAt");
        return node.toString();
    }

    // ----------------------------------------------------------------

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers != null) {
            headers.forEach(request::header);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void log(String format, Object... args) {
        System.out.println(Instant.now() + " " + String.format(format, args));
    }
}
