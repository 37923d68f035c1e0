package org.stemreach.demo;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The registrations part of the demo year, through the registrations API: last period as an imported activity
 * log; this period's activities of every type for two networks, over several partners and locations, with
 * registrations (some activities full, with a waiting list, and a cancellation that promotes a waiting teacher), school teams, attendance and headcounts.
 */
final class RegistrationsDemo implements DemoContributor {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegistrationsDemo.class);

    static final String FIRST_TITLE = "Nocturne: programmeren met micro:bits";

    record Place(String network, String partnerId, String partner, String locationId, String location, String city, String region) {
    }

    /** Partner and location ids are their names' slugs, as the archive import makes them: one partner is one id. */
    static final List<Place> PLACES = List.of(
            new Place("ISTEM", "ku-leuven", "KU Leuven", "campus-kulak", "Campus Kulak", "Kortrijk", "West-Vlaanderen"),
            new Place("ISTEM", "ku-leuven", "KU Leuven", "campus-arenberg", "Campus Arenberg", "Leuven", "Vlaams-Brabant"),
            new Place("ISTEM", "ugent", "UGent", "campus-de-sterre", "Campus De Sterre", "Gent", "Oost-Vlaanderen"),
            new Place("ISTEM", "uantwerpen", "UAntwerpen", "campus-middelheim", "Campus Middelheim", "Antwerpen", "Antwerpen"),
            new Place("STEMBASIS", "odisee", "Odisee", "campus-aalst", "Campus Aalst", "Aalst", "Oost-Vlaanderen"),
            new Place("STEMBASIS", "ucll", "UCLL", "campus-diepenbeek", "Campus Diepenbeek", "Diepenbeek", "Limburg"),
            new Place("STEMBASIS", "arteveldehogeschool", "Arteveldehogeschool", "campus-kantienberg", "Campus Kantienberg", "Gent", "Oost-Vlaanderen"));

    /** type, title, place index, day in the period (0-364), seats (schools for team types), registrants. */
    record Plan(String type, String title, int place, int day, int capacity, int registrants) {
    }

    static final List<Plan> PLANS = List.of(
            new Plan("NOCTURNE", FIRST_TITLE, 0, 40, 40, 44),
            new Plan("NOCTURNE", "Nocturne: klimaatdata in de klas", 2, 75, 40, 31),
            new Plan("NOCTURNE", "Nocturne: AI in de les wiskunde", 3, 130, 40, 38),
            new Plan("WORKSHOP", "Workshop onderzoekend leren in de eerste graad", 1, 55, 24, 26),
            new Plan("WORKSHOP", "Workshop robotica met Lego Spike", 0, 100, 20, 17),
            new Plan("WORKSHOP", "Workshop 3D-ontwerpen en printen", 3, 160, 16, 16),
            new Plan("MULTI_DAY_COURSE", "Driedaagse: STEM-project bouwen", 2, 200, 18, 15),
            new Plan("COACHING_SESSION", "Coaching STEM-team Sint-Jozefscollege", 0, 65, 6, 4),
            new Plan("COACHING_SESSION", "Coaching vakgroep wetenschappen", 3, 150, 6, 5),
            new Plan("COACH_THE_COACH", "Coach de coach: onderzoekend leren begeleiden", 1, 90, 12, 9),
            new Plan("SCHOOL_TRAJECTORY", "Schooltraject STEM-visie", 0, 30, 4, 4),
            new Plan("PEDAGOGICAL_STUDY_DAY", "Pedagogische studiedag STEM", 2, 120, 60, 0),
            new Plan("LECTURE_OR_INFO_STAND", "Infostand op het STEM-congres", 1, 145, 1, 0),
            new Plan("STUDY_DAY", "STEM-studiedag voor leraren", 3, 180, 1, 0),
            new Plan("ROUND_TABLE", "Rondetafel met de partners", 0, 210, 1, 0),
            new Plan("PRE_SERVICE_SESSION", "Gastsessie STEM in de lerarenopleiding", 2, 110, 1, 0),
            new Plan("NOCTURNE", "Nocturne: wiskunde buiten de klas", 1, 330, 40, 44),
            new Plan("BASIC_TRAJECTORY", "Basistraject STEM in de kleuterklas en het lager", 4, 35, 12, 10),
            new Plan("BASIC_TRAJECTORY", "Basistraject onderzoekend leren", 5, 60, 12, 6),
            new Plan("EXTENSION_TRAJECTORY", "Verdiepingstraject programmeren", 6, 85, 20, 18),
            new Plan("WORKSHOP", "Workshop proefjes met water", 4, 140, 20, 22),
            new Plan("COACHING_SESSION", "Coaching STEM-werking basisschool", 5, 170, 6, 3),
            new Plan("LECTURE_OR_INFO_STAND", "Lezing: waarom STEM in de kleuterklas", 6, 95, 1, 0),
            new Plan("PRE_SERVICE_SESSION", "Sessie lerarenopleiding lager onderwijs", 4, 125, 1, 0),
            // The last weeks (so that a period that began a month or two ago has held something already) ...
            new Plan("LECTURE_OR_INFO_STAND", "Infostand op de onderwijsbeurs", 2, 240, 1, 0),
            new Plan("WORKSHOP", "Workshop micro:bit in de eerste graad", 1, 250, 24, 20),
            new Plan("WORKSHOP", "Workshop bouwen met bijenrobots", 5, 265, 20, 18),
            new Plan("NOCTURNE", "Nocturne: chemie in de keuken", 3, 285, 40, 35),
            new Plan("COACHING_SESSION", "Coaching STEM-team basisschool De Regenboog", 4, 292, 6, 4),
            // ... and, in both networks, activities still open with free places, for a teacher trying the pages.
            new Plan("WORKSHOP", "Workshop meten met sensoren", 0, 315, 24, 7),
            new Plan("WORKSHOP", "Workshop techniek in de kleuterklas", 6, 320, 20, 5),
            // Added later (a demo loaded before takes them in at its next start): school teams can still register too.
            new Plan("SCHOOL_TRAJECTORY", "Schooltraject: STEM in het hele schoolteam", 2, 335, 6, 2),
            new Plan("BASIC_TRAJECTORY", "Basistraject techniek in de eerste graad", 5, 340, 10, 3),
            new Plan("MULTI_DAY_COURSE", "Tweedaagse: wiskunde en informatica verweven", 3, 345, 18, 6));

    static final Map<String, Integer> HEADCOUNTS = Map.of("PEDAGOGICAL_STUDY_DAY", 54, "LECTURE_OR_INFO_STAND", 536, "STUDY_DAY", 210,
            "ROUND_TABLE", 23, "PRE_SERVICE_SESSION", 28);

    /** Kept in the demo progress: how many plans are loaded completely. */
    static final String PLANS_DONE = "registrations.plans";

    @Override
    public String name() {
        return "registrations";
    }

    @Override
    public boolean alreadyLoaded(DemoContext demo) throws Exception {
        // Without kept progress (see DemoYear): the last activity is created last.
        return demo.admin().call("GET", "/registrations/api/ops/activities", null).contains(titled(PLANS.get(PLANS.size() - 1)));
    }

    /**
     * Every step can be sent again without changing anything (an activity found by its title, a registration that exists,
     * the one cancellation, a headcount, attendance), and each plan draws from a random source of its own: a load stopped
     * halfway resumes at the plan it was busy with (kept in the demo progress) and finishes it as it would have been.
     */
    @Override
    public void load(DemoContext demo) throws Exception {
        importLastPeriod(demo);
        Map<String, String> existing = new java.util.HashMap<>();
        for (JsonNode activity : demo.read(demo.admin().call("GET", "/registrations/api/ops/activities", null))) {
            existing.put(activity.get("title").asString(), activity.get("id").asString());
        }
        List<Teachers.Teacher> pool = Teachers.pool(new Random(DemoContext.SEED), 260);
        // A load of an earlier version (no plan count kept) left its activities complete or not at all touched again.
        boolean earlierVersion = demo.progress().get(PLANS_DONE).isEmpty() && !existing.isEmpty();
        long done = demo.progress().number(PLANS_DONE);
        demo.progress().put(PLANS_DONE, done);
        int client = 0;
        for (int p = 0; p < PLANS.size(); p++) {
            Plan plan = PLANS.get(p);
            int firstClient = client;
            client += plan.registrants();
            if (p < done) {
                continue;
            }
            if (earlierVersion && existing.containsKey(plan.title())) {
                continue;
            }
            if (p > done && p % 5 == 0) {
                log.info("demo year: activities {} of {} planned, with their registrations and participation", p, PLANS.size());
            }
            Random random = new Random(DemoContext.SEED * 31 + p);
            Place place = PLACES.get(plan.place());
            LocalDate date = demo.yearStart().plusDays(plan.day());
            // Registration closes when an activity begins, unless it has a closing moment of its own: an activity that has
            // already taken place is opened for its registrations, entered now as a network does with a paper list
            // afterwards, and closed again once they are in (also one a load stopped halfway, or an earlier version, left).
            boolean past = !date.isAfter(demo.today());
            Map<String, Object> body = body(plan, place, date);
            Map<String, Object> reopened = new LinkedHashMap<>(body);
            reopened.put("closesAt", demo.today().plusDays(1).atStartOfDay(DemoContext.ZONE).toInstant().toString());
            String id;
            if (existing.containsKey(plan.title())) {
                id = existing.get(plan.title());
                if (past) {
                    demo.admin().call("PUT", "/registrations/api/ops/activities/" + id, demo.write(reopened));
                }
            } else {
                id = demo.read(demo.admin().call("POST", "/registrations/api/ops/activities", demo.write(past ? reopened : body)))
                        .get("id").asString();
            }
            boolean team = plan.type().endsWith("TRAJECTORY") && !plan.type().equals("EXTENSION_TRAJECTORY");
            List<Teachers.Teacher> teachers = new ArrayList<>(pool);
            java.util.Collections.shuffle(teachers, random);
            // The cancellation comes after every registration: once it was made, registering again would add the cancelled
            // teacher anew (the draws still have to be made, for the attendance that follows).
            boolean registered = existing.containsKey(plan.title()) && hasCancellation(demo, id);
            for (int r = 0; r < plan.registrants(); r++) {
                if (team) {
                    registerTeam(demo, id, plan, r, pool, random, firstClient + r + 1, registered);
                } else {
                    Teachers.Teacher teacher = teachers.get(r);
                    Map<String, Object> registration = Map.of("name", teacher.name(), "email", teacher.email(), "school", teacher.school(),
                            "grade", place.network().equals("ISTEM") ? "SECONDARY" : "GRADE_" + (1 + random.nextInt(6)), "consent", true);
                    if (!registered) {
                        register(demo, id, firstClient + r + 1, registration);
                    }
                }
            }
            if (past) {
                demo.admin().call("PUT", "/registrations/api/ops/activities/" + id, demo.write(body));
            }
            // A cancellation that promotes the first waiting teacher, in an activity still ahead (a place freed once an
            // activity has taken place goes to nobody).
            if (plan.registrants() > plan.capacity() && !team && date.isAfter(demo.today())) {
                cancelOne(demo, id);
            }
            // Participation is recorded once it happened: an info stand still to come has no visitors yet.
            if (HEADCOUNTS.containsKey(plan.type()) && !date.isAfter(demo.today())) {
                demo.admin().call("PUT", "/registrations/api/ops/activities/" + id + "/headcount",
                        demo.write(Map.of("count", HEADCOUNTS.get(plan.type()), "approximate", plan.type().equals("LECTURE_OR_INFO_STAND"))));
            }
            if (!date.isAfter(demo.today())) {
                recordAttendance(demo, id, random);
            }
            demo.progress().put(PLANS_DONE, p + 1);
        }
    }

    /** How a plan's activity shows in the ops API's list (the whole title, not a part of another one). */
    private static String titled(Plan plan) {
        return "\"title\":\"" + plan.title() + "\"";
    }

    /** The activity's plan as the operations API takes it (no registration window: it closes when the activity begins). */
    private static Map<String, Object> body(Plan plan, Place place, LocalDate date) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("network", place.network());
        // The demo starts its networks (on a fresh platform no activity has them yet), as an administrator confirms.
        body.put("newNetwork", true);
        body.put("partner", Map.of("id", place.partnerId(), "name", place.partner()));
        body.put("location", Map.of("id", place.locationId(), "name", place.location(), "city", place.city(), "region", place.region()));
        body.put("online", plan.type().equals("NOCTURNE"));
        body.put("title", plan.title());
        body.put("type", plan.type());
        body.put("targetGroups", List.of(place.network().equals("ISTEM") ? "secundair onderwijs" : "kleuter- en lager onderwijs"));
        List<Map<String, Object>> sessions = new ArrayList<>();
        int count = plan.type().equals("MULTI_DAY_COURSE") ? 3 : plan.type().endsWith("TRAJECTORY") ? 4 : 1;
        for (int s = 0; s < count; s++) {
            sessions.add(Map.of("id", "s" + (s + 1), "date", date.plusWeeks(s * (plan.type().endsWith("TRAJECTORY") ? 6L : 1L)).toString(),
                    "start", plan.type().equals("NOCTURNE") ? "20:00" : "09:30", "end", plan.type().equals("NOCTURNE") ? "21:30" : "16:00"));
        }
        body.put("sessions", sessions);
        body.put("capacity", plan.capacity());
        if (plan.type().equals("PRE_SERVICE_SESSION")) {
            // A university's teacher education is a master (educatieve master), a university college's a bachelor.
            boolean university = place.network().equals("ISTEM");
            body.put("programme", Map.of("name", (university ? "Educatieve master" : "Bachelor lager onderwijs") + ", " + place.partner(),
                    "level", university ? "MASTER" : "BACHELOR"));
        }
        return body;
    }

    private void registerTeam(DemoContext demo, String id, Plan plan, int index, List<Teachers.Teacher> pool, Random random, int client,
                              boolean registeredAlready) throws Exception {
        String school = Teachers.SCHOOLS.get(index % Teachers.SCHOOLS.size()) + (index >= Teachers.SCHOOLS.size() ? " " + index : "");
        List<Map<String, Object>> members = new ArrayList<>();
        int size = 2 + random.nextInt(3);
        for (int m = 0; m < size; m++) {
            Teachers.Teacher teacher = pool.get(random.nextInt(pool.size()));
            String grade = m == 0 ? "GRADE_1" : m == 1 ? "GRADE_5" : "GRADE_" + (1 + random.nextInt(6));
            members.add(Map.of("name", teacher.name(), "email", "team" + index + "." + m + "." + teacher.email(), "grade",
                    plan.type().equals("SCHOOL_TRAJECTORY") ? "SECONDARY" : grade));
        }
        if (!registeredAlready) {
            register(demo, id, client, Map.of("team", Map.of("school", school, "postcode", String.valueOf(8500 + index), "teachers", members),
                    "consent", true));
        }
    }

    private void register(DemoContext demo, String activity, int client, Map<String, Object> body) throws Exception {
        HttpResponse<String> answer = demo.send(demo.request(demo.service("registrations") + "/api/activities/" + activity + "/registrations")
                .header("Content-Type", "application/json").header("Cookie", "XSRF-TOKEN=demo").header("X-XSRF-TOKEN", "demo")
                .header("X-Forwarded-For", "192.0.2." + (client % 250 + 1) + ", 198.51.100." + (client / 250 % 250 + 1))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(demo.write(body))));
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("demo registration refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static boolean hasCancellation(DemoContext demo, String id) throws Exception {
        JsonNode activity = demo.read(demo.admin().call("GET", "/registrations/api/ops/activities/" + id, null));
        for (JsonNode row : activity.get("registrations")) {
            if (row.get("status").asString().equals("CANCELLED")) {
                return true;
            }
        }
        return false;
    }

    /** One confirmed teacher of a full activity cancels (once): the first on the waiting list is promoted. */
    private void cancelOne(DemoContext demo, String id) throws Exception {
        if (hasCancellation(demo, id)) {
            return; // cancelled by a load that was stopped afterwards
        }
        JsonNode activity = demo.read(demo.admin().call("GET", "/registrations/api/ops/activities/" + id, null));
        for (JsonNode row : activity.get("registrations")) {
            if (row.get("status").asString().equals("CONFIRMED")) {
                demo.admin().call("POST", "/registrations/api/ops/activities/" + id + "/registrations/"
                        + row.get("registrationId").asString() + "/cancel", null);
                return;
            }
        }
    }

    /** About 85 % of the confirmed teachers attend each session held; the others are recorded as no-shows. */
    private void recordAttendance(DemoContext demo, String id, Random random) throws Exception {
        JsonNode activity = demo.read(demo.admin().call("GET", "/registrations/api/ops/activities/" + id, null));
        for (JsonNode session : activity.get("activity").get("sessions")) {
            if (LocalDate.parse(session.get("date").asString()).isAfter(demo.today())) {
                continue;
            }
            List<String> present = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            for (JsonNode row : activity.get("registrations")) {
                if (row.get("status").asString().equals("CONFIRMED")) {
                    (random.nextDouble() < 0.85 ? present : absent).add(row.get("teacherId").asString());
                }
            }
            for (boolean here : new boolean[]{true, false}) {
                List<String> teachers = here ? present : absent;
                if (!teachers.isEmpty()) {
                    demo.admin().call("POST", "/registrations/api/ops/activities/" + id + "/attendance",
                            demo.write(Map.of("sessionId", session.get("id").asString(), "teacherIds", teachers, "present", here)));
                }
            }
        }
    }

    /** The year before's activities, as the networks kept them in spreadsheets: imported with headcounts. */
    private void importLastPeriod(DemoContext demo) throws Exception {
        Random random = new Random(DemoContext.SEED + 1);
        StringBuilder csv = new StringBuilder("date;network;partner;location;title;type;target_group;participants\n");
        String[] types = {"NOCTURNE", "WORKSHOP", "WORKSHOP", "MULTI_DAY_COURSE", "COACHING_SESSION", "COACH_THE_COACH",
                "LECTURE_OR_INFO_STAND", "STUDY_DAY", "PRE_SERVICE_SESSION", "EXTENSION_TRAJECTORY"};
        long days = ChronoUnit.DAYS.between(demo.archiveStart(), demo.yearStart());
        for (int i = 0; i < 34; i++) {
            Place place = PLACES.get(i % PLACES.size());
            // Trajectories are the primary network's (STEMBASIS): the secondary network's rows of that kind were workshops.
            String type = types[i % types.length].endsWith("TRAJECTORY") && place.network().equals("ISTEM") ? "WORKSHOP" : types[i % types.length];
            LocalDate date = demo.archiveStart().plusDays(10 + random.nextInt((int) days - 20));
            int participants = switch (type) {
                case "LECTURE_OR_INFO_STAND" -> 150 + random.nextInt(400);
                case "STUDY_DAY" -> 80 + random.nextInt(150);
                case "COACHING_SESSION" -> 2 + random.nextInt(5);
                case "EXTENSION_TRAJECTORY" -> 8 + random.nextInt(13); // up to 20 teachers per location
                default -> 8 + random.nextInt(30);
            };
            csv.append(String.join(";", date.toString(), place.network(), place.partner(), place.location(),
                    "Archief " + (i + 1) + ": " + type.toLowerCase().replace('_', ' '), type,
                    place.network().equals("ISTEM") ? "secundair" : "lager", (i % 5 == 0 ? "ca. " : "") + participants)).append('\n');
        }
        // Before any plan on a fresh platform: the archive starts the demo's networks, as an administrator confirms.
        demo.admin().sendCsv("/registrations/api/ops/imports?" + PLACES.stream().map(Place::network).distinct().sorted()
                .map(network -> "newNetworks=" + network).collect(java.util.stream.Collectors.joining("&")), csv.toString());
    }
}
