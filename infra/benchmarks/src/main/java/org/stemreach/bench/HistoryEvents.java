package org.stemreach.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Invented event history for the analytics benchmarks, as CloudEvents exactly like the producers write them
 * (structured JSON, versioned type names, the shared schemas' fields): nine downloads in ten, and activities
 * with fifty attendance records each, spread over the last ten years. Deterministic for a seed.
 */
final class HistoryEvents {

    static final String DOWNLOADS = "stemreach.downloads";
    static final String REGISTRATIONS = "stemreach.registrations";
    private static final String[] NETWORKS = {"ISTEM", "ISTEM", "ISTEM", "STEMBASIS", "STEMBASIS"};
    private static final List<String[]> TYPES = List.of(new String[]{"NOCTURNE", "TRAINING"}, new String[]{"WORKSHOP", "TRAINING"},
            new String[]{"MULTI_DAY_COURSE", "TRAINING"}, new String[]{"COACHING_SESSION", "COACHING"});
    private static final int ATTENDANCE_PER_ACTIVITY = 49;

    record Event(String topic, String key, byte[] value, boolean download) {
    }

    private final Random random;
    private final Instant now;
    private final long span;
    private long sequence;
    private String activity;
    private String activityNetwork;
    private LocalDate activityDate;
    private int attendanceLeft;

    HistoryEvents(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
        this.span = Duration.ofDays(3650).toSeconds();
    }

    /** The next event of the history. */
    Event next() {
        sequence++;
        if (attendanceLeft > 0) {
            attendanceLeft--;
            return attendance();
        }
        // An activity brings 50 events (itself and 49 attendance records): one in 451 draws makes a tenth of all events.
        if (random.nextInt(451) == 0) {
            return scheduled();
        }
        return download(network(), now.minusSeconds((long) (random.nextDouble() * span)));
    }

    /** A download of one of 500 projects. */
    Event download(String network, Instant at) {
        String project = "bench-p" + random.nextInt(500);
        String data = "{\"projectId\":\"" + project + "\",\"network\":\"" + network + "\",\"assetKind\":\""
                + (random.nextInt(10) < 6 ? "SHEET" : "MATERIAL") + "\",\"downloadedAt\":\"" + at + "\",\"channel\":\"web\",\"teacherId\":null}";
        return new Event(DOWNLOADS, project, envelope("/stemreach/content-downloads", "stemreach.downloads.download-recorded.v1",
                at, project, data), true);
    }

    private Event scheduled() {
        activity = "bench-a" + sequence;
        activityNetwork = network();
        activityDate = LocalDate.ofInstant(now.minusSeconds((long) (random.nextDouble() * span)), ZoneOffset.UTC);
        attendanceLeft = ATTENDANCE_PER_ACTIVITY;
        String[] type = TYPES.get(random.nextInt(TYPES.size()));
        int partner = random.nextInt(12);
        int location = random.nextInt(30);
        String data = "{\"activityId\":\"" + activity + "\",\"network\":\"" + activityNetwork + "\",\"partner\":{\"id\":\"partner-" + partner
                + "\",\"name\":\"Partner " + partner + "\"},\"location\":{\"id\":\"loc-" + location + "\",\"name\":\"Locatie " + location
                + "\",\"city\":\"Gent\",\"region\":\"Oost-Vlaanderen\"},\"online\":false,\"title\":\"Benchmark " + type[0].toLowerCase()
                + " " + sequence + "\",\"type\":\"" + type[0] + "\",\"category\":\"" + type[1] + "\",\"targetGroups\":[\"secundair\"],"
                + "\"sessions\":[{\"id\":\"s1\",\"date\":\"" + activityDate + "\",\"start\":\"09:30\",\"end\":\"16:00\"}],"
                + "\"programme\":null,\"revision\":0,\"firstSessionDate\":\"" + activityDate + "\"}";
        Instant at = activityDate.atStartOfDay(ZoneOffset.UTC).minusSeconds(86_400 * 30).toInstant();
        return new Event(REGISTRATIONS, activity, envelope("/stemreach/registrations", "stemreach.registrations.activity-scheduled.v1",
                at, activity, data), false);
    }

    private Event attendance() {
        int teacher = random.nextInt(20_000);
        Instant at = activityDate.atTime(17, 0).toInstant(ZoneOffset.UTC);
        String data = "{\"activityId\":\"" + activity + "\",\"network\":\"" + activityNetwork + "\",\"sessionId\":\"s1\",\"teacherId\":\"bench-t"
                + teacher + "\",\"schoolId\":\"bench-s" + (teacher % 2000) + "\",\"present\":" + (random.nextInt(10) != 0)
                + ",\"recordedAt\":\"" + at + "\"}";
        return new Event(REGISTRATIONS, activity, envelope("/stemreach/registrations", "stemreach.registrations.attendance-recorded.v1",
                at, activity, data), false);
    }

    private String network() {
        return NETWORKS[random.nextInt(NETWORKS.length)];
    }

    private byte[] envelope(String source, String type, Instant time, String subject, String data) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type + "\",\"time\":\"" + time
                + "\",\"subject\":\"" + subject + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
