package org.stemreach.bench;

import org.stemreach.demo.GatewaySession;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registration throughput and latency at N concurrent clients against the running registrations service,
 * then a check that no activity is overbooked. Activities are created through the gateway (as ops); teachers
 * register directly at the service, each client with its own address (X-Forwarded-For, as the gateway sets it).
 */
final class RegistrationBenchmark {

    private RegistrationBenchmark() {
    }

    /** Creates the activities and prints their ids, comma-separated (for the wrk script). */
    static void setup(Options options) throws Exception {
        System.out.println(String.join(",", createActivities(options, new JsonMapper())));
    }

    /** Checks that none of the given activities is overbooked; exits 1 if one is. */
    static void verify(Options options) throws Exception {
        List<String> ids = List.of(options.get("ids", "").split(","));
        HttpClient http = HttpClient.newHttpClient();
        checkOverbooking(options.get("service", "http://localhost:8081"), ids, http, new JsonMapper(), ids.size() * (long) options.getInt("capacity", 100));
    }

    static List<String> createActivities(Options options, JsonMapper json) throws Exception {
        String gateway = options.get("gateway", "http://localhost:8080");
        int activities = options.getInt("activities", 200);
        int capacity = options.getInt("capacity", 100);
        GatewaySession ops = new GatewaySession(gateway, options.get("user", "admin"), options.get("password", "stemreach"));
        List<String> ids = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        // A year ahead: registration closes when an activity begins.
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).plusYears(1).toString();
        for (int i = 0; i < activities; i++) {
            String plan = """
                    {"network":"ISTEM","newNetwork":true,"partner":{"id":"bench","name":"Benchmark"},"online":true,"title":"Benchmark %s-%d",
                     "type":"WORKSHOP","sessions":[{"date":"%s","start":"13:30","end":"16:30"}],"capacity":%d}"""
                    .formatted(run, i, day, capacity);
            HttpResponse<String> created = ops.send("POST", "/registrations/api/ops/activities", plan);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("could not create an activity: " + created.statusCode() + " " + created.body());
            }
            ids.add(json.readTree(created.body()).get("id").asString());
        }
        return ids;
    }

    static void run(Options options) throws Exception {
        String service = options.get("service", "http://localhost:8081");
        int clients = options.getInt("clients", 64);
        int seconds = options.getInt("seconds", 30);
        int warmup = options.getInt("warmup", 10);
        int activities = options.getInt("activities", 200);
        int capacity = options.getInt("capacity", 100);
        JsonMapper json = new JsonMapper();
        List<String> ids = createActivities(options, json);
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("created %d activities of %d seats; %d clients, %d s warm-up, %d s measured%n", activities, capacity, clients, warmup, seconds);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                Histogram mine = new Histogram(60_000_000_000L, 3);
                while (System.nanoTime() < end) {
                    String activity = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    long n = sequence.incrementAndGet();
                    String body = "{\"name\":\"Leraar %d\",\"email\":\"bench-%s-%d@school.be\",\"grade\":\"SECONDARY\",\"consent\":true}"
                            .formatted(n, run, n);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/api/activities/" + activity + "/registrations"))
                            .header("Content-Type", "application/json").header("Cookie", "XSRF-TOKEN=bench").header("X-XSRF-TOKEN", "bench")
                            // Every registration from another teacher's address, as the gateway would forward it.
                            .header("X-Forwarded-For", "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - start;
                    if (start >= warmupEnd) {
                        if (status == 201 || status == 200) {
                            ok.incrementAndGet();
                            mine.recordValue(took);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                synchronized (latency) {
                    latency.add(mine);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("registrations: %d ok, %d failed in %d s = %.0f req/s%n", ok.get(), failed.get(), seconds, ok.get() / (double) seconds);
        System.out.printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(90) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);

        checkOverbooking(service, ids, http, json, (long) activities * capacity);
    }

    private static void checkOverbooking(String service, List<String> ids, HttpClient http, JsonMapper json, long seats) throws Exception {
        long overbooked = 0;
        long confirmed = 0;
        long waiting = 0;
        for (String id : ids) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service + "/api/activities/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode activity = json.readTree(answer.body());
            long taken = activity.get("placesTaken").asLong();
            confirmed += taken;
            waiting += activity.get("waiting").asLong();
            if (taken > activity.get("capacity").asLong()) {
                overbooked++;
            }
        }
        // Every registration the benchmark created is either a place or on a waiting list: compare with its count.
        System.out.printf("registrations: %d (places taken %d of %d, waiting %d)%n", confirmed + waiting, confirmed, seats, waiting);
        System.out.printf("overbooked activities: %d (places taken %d of %d)%n", overbooked, confirmed, seats);
        if (overbooked > 0) {
            System.exit(1);
        }
    }
}
