package org.stemreach.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The lesson material of the demo year, through the content-downloads API: projects with a sheet and material,
 * and downloads over this period and the last, more on school days, fewer in holidays, a few projects popular.
 */
final class DownloadsDemo implements DemoContributor {

    static final List<String[]> PROJECTS = List.of(
            new String[]{"ISTEM", "Bouw een windmolen", "energie"}, new String[]{"ISTEM", "Klimaatdata onderzoeken", "klimaat"},
            new String[]{"ISTEM", "Programmeer een robotarm", "robotica"}, new String[]{"ISTEM", "Bruggen bouwen", "constructie"},
            new String[]{"ISTEM", "Zonnepanelen op school", "energie"}, new String[]{"ISTEM", "Wiskunde van het voetbalveld", "wiskunde"},
            new String[]{"ISTEM", "DNA uit een aardbei", "biologie"}, new String[]{"ISTEM", "Slimme irrigatie met sensoren", "sensoren"},
            new String[]{"STEMBASIS", "Proefjes met water", "water"}, new String[]{"STEMBASIS", "Knikkerbaan ontwerpen", "constructie"},
            new String[]{"STEMBASIS", "Zaadjes laten kiemen", "natuur"}, new String[]{"STEMBASIS", "Programmeren zonder computer", "programmeren"});

    /** Kept in the demo progress: the number of downloads started. */
    static final String STARTED = "downloads.started";
    static final int IN_FLIGHT = 6;
    private static final Logger log = LoggerFactory.getLogger("stemreach-demo");

    @Override
    public String name() {
        return "content-downloads";
    }

    @Override
    public boolean alreadyLoaded(DemoContext demo) throws Exception {
        // Without kept progress (see DemoYear): the first project tells.
        var answer = demo.send(demo.request(demo.service("content-downloads") + "/api/projects"));
        return answer.body().contains(PROJECTS.get(0)[1]);
    }

    /**
     * Creates the projects that are not there yet, then sends the planned downloads in order. A download cannot be sent
     * twice without counting twice, so the progress records each one before it is sent, and a load stopped halfway
     * resumes after the last one started: the few that were in flight then are left out rather than counted twice.
     */
    @Override
    public void load(DemoContext demo) throws Exception {
        DemoProgress progress = demo.progress();
        List<String> ids = projects(demo);
        Random random = new Random(DemoContext.SEED + 2);
        List<Callable> downloads = new ArrayList<>();
        plan(demo.archiveStart(), demo.yearStart().minusDays(1), ids, random, downloads, 0.8);
        plan(demo.yearStart(), demo.today().minusDays(1), ids, random, downloads, 1.0);
        int first = (int) Math.min(downloads.size(), progress.number(STARTED));
        if (first > 0) {
            log.info("demo year: resuming the downloads after {} of {}", first, downloads.size());
        }
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            int step = Math.max(1, downloads.size() / 10);
            for (int next = first; next < downloads.size() && failure.get() == null; next++) {
                slots.acquire();
                progress.put(STARTED, next + 1);
                if (next > first && next % step == 0) {
                    log.info("demo year: downloads {} of {} sent", next, downloads.size());
                }
                Callable download = downloads.get(next);
                pool.execute(() -> {
                    try {
                        download.run(demo);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquire(IN_FLIGHT);
        } finally {
            // A failed download ends the loading: the others are not left running.
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** The demo projects' ids, in {@link #PROJECTS}' order: those there already, the others created with their files. */
    private static List<String> projects(DemoContext demo) throws Exception {
        Map<String, JsonNode> existing = new HashMap<>();
        for (JsonNode project : demo.read(demo.send(demo.request(demo.service("content-downloads") + "/api/projects")).body())) {
            existing.put(project.get("title").asString(), project);
        }
        List<String> ids = new ArrayList<>();
        for (String[] project : PROJECTS) {
            JsonNode found = existing.get(project[1]);
            String id = found != null ? found.get("id").asString() : demo.read(demo.admin().call("POST", "/content/api/projects",
                    demo.write(Map.of("network", project[0], "title", project[1],
                            "summary", "Een lesproject over " + project[2] + ", uitgewerkt door het netwerk.",
                            "subjects", List.of("STEM"), "targetGroups", List.of(project[0].equals("ISTEM") ? "secundair" : "lager"),
                            "tags", List.of(project[2]))))).get("id").asString();
            if (found == null || !found.path("assets").has("SHEET")) {
                upload(demo, id, "sheet", pdf(project[1]));
            }
            if (found == null || !found.path("assets").has("MATERIAL")) {
                upload(demo, id, "material", zip(project[1]));
            }
            ids.add(id);
        }
        return ids;
    }

    private interface Callable {
        void run(DemoContext demo) throws Exception;
    }

    private static void plan(LocalDate from, LocalDate to, List<String> ids, Random random, List<Callable> downloads, double scale) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            double base = switch (day.getDayOfWeek()) {
                case SATURDAY, SUNDAY -> 1.5;
                case WEDNESDAY -> 6;
                default -> 9;
            };
            if (holiday(day)) {
                base *= 0.25;
            }
            int count = (int) Math.round(base * scale * (0.7 + random.nextDouble() * 0.6));
            for (int d = 0; d < count; d++) {
                // A few projects are much more popular than the rest.
                int project = Math.min(ids.size() - 1, (int) Math.floor(Math.pow(random.nextDouble(), 2.2) * ids.size()));
                String kind = random.nextDouble() < 0.58 ? "sheet" : "material";
                ZonedDateTime at = day.atTime(7 + random.nextInt(15), random.nextInt(60)).atZone(DemoContext.ZONE);
                String agent = "Mozilla/5.0 (demo " + UUID.nameUUIDFromBytes((day + "/" + d).getBytes()) + ") Firefox/131.0";
                String id = ids.get(project);
                downloads.add(demo -> {
                    var answer = demo.send(demo.request(demo.service("content-downloads") + "/api/projects/" + id + "/assets/" + kind)
                            .header("User-Agent", agent).header("X-Simulated-Time", at.toInstant().toString()));
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("demo download refused: " + answer.statusCode());
                    }
                });
            }
        }
    }

    /** Belgian school holidays, roughly: Christmas, spring break, Easter, summer, autumn. */
    static boolean holiday(LocalDate day) {
        Month month = day.getMonth();
        int dom = day.getDayOfMonth();
        return month == Month.JULY || month == Month.AUGUST
                || (month == Month.DECEMBER && dom >= 23) || (month == Month.JANUARY && dom <= 5)
                || (month == Month.APRIL && dom <= 14) || (month == Month.FEBRUARY && dom >= 24 && dom <= 28)
                || (month == Month.NOVEMBER && dom <= 5 && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    private static void upload(DemoContext demo, String id, String kind, byte[] content) throws Exception {
        String boundary = "demo" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + kind
                + (kind.equals("sheet") ? ".pdf" : ".zip") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int status = demo.admin().sendMultipart("/content/api/projects/" + id + "/assets/" + kind, boundary, body.toByteArray());
        if (status != 200) {
            throw new IllegalStateException("demo upload refused: " + status);
        }
    }

    static byte[] pdf(String title) {
        return ("%PDF-1.4\n% " + title + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] zip(String title) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : List.of("les1/handleiding.txt", "les1/werkblad.txt", "les2/opdrachten.txt")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write((title + ": " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
