package org.stemreach.registrations;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventType;
import org.stemreach.model.event.Topics;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.OperationalEndpointsContract;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.TestKafka;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RegistrationsIT implements OperationalEndpointsContract {

    static final GreenMail mail = TestMail.server();

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CloudEventCodec codec;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    org.stemreach.registrations.registration.TeacherDirectory teachers;
    RestClient http;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "registrations";
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    /** What a page's script sends: the CSRF token as cookie and header. */
    static void csrf(HttpHeaders headers) {
        headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=test-token");
        headers.add("X-XSRF-TOKEN", "test-token");
    }

    @Test
    void aTeacherIsOneIdPerAddressWhateverItsCaseAndALaterRegistrationChangesNoneOfItsDetails() throws Exception {
        String address = "Leen." + UUID.randomUUID().toString().substring(0, 8) + "@School.be";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> ids = new ArrayList<>();
        try {
            List<Future<String>> firstSights = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                firstSights.add(pool.submit(() -> teachers.identify(" " + address + " ", "Leen", null, null)));
            }
            for (Future<String> id : firstSights) {
                ids.add(id.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(mongo.getCollection("teachers").find(new org.bson.Document("_id", ids.get(0))).first().get("consentAt"))
                .isInstanceOf(java.util.Date.class);
        // Consent is given once, on first sight: a later registration leaves it as it was.
        java.util.Date consent = new java.util.Date(0);
        mongo.getCollection("teachers").updateOne(new org.bson.Document("_id", ids.get(0)),
                new org.bson.Document("$set", new org.bson.Document("consentAt", consent)));

        assertThat(teachers.identify(address.toUpperCase(), "Leen Peeters", "VTI Brugge", "")).isEqualTo(ids.get(0));
        assertThat(teachers.identify(address, "Someone Else", "Other School", "directeur")).isEqualTo(ids.get(0));

        // Nobody renames a teacher, or gives them a school or role, by registering with their address.
        var teacher = teachers.find(ids.get(0)).orElseThrow();
        assertThat(teacher.email()).isEqualTo(address);
        assertThat(teacher.name()).isEqualTo("Leen");
        assertThat(teacher.school()).isNull();
        assertThat(teacher.role()).isNull();
        org.bson.Document now = mongo.getCollection("teachers").find(new org.bson.Document("_id", ids.get(0))).first();
        assertThat(now.get("emailKey")).isEqualTo(address.toLowerCase());
        assertThat(now.get("consentAt")).isEqualTo(consent);
    }

    /** The client of the personal-link tests: its own rate-limit bucket, apart from the tests' other requests. */
    private static final String PERSONAL_LINK_CLIENT = "198.51.100.251";

    /**
     * The day of the test workshops: always months ahead of the service's clock (the real one here), so that their
     * places can be taken and given on whatever day the tests run.
     */
    static final java.time.LocalDate SESSION_DAY = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).plusDays(120);

    static Map<String, Object> workshop(String network, int seats) {
        Map<String, Object> plan = new HashMap<>();
        plan.put("network", network);
        plan.put("partner", Map.of("id", "kuleuven", "name", "KU Leuven"));
        plan.put("location", Map.of("id", "kulak", "name", "Campus Kulak", "city", "Kortrijk", "region", "West-Vlaanderen"));
        plan.put("title", "Workshop " + UUID.randomUUID().toString().substring(0, 6));
        plan.put("type", "WORKSHOP");
        plan.put("sessions", List.of(Map.of("date", SESSION_DAY.toString(), "start", "13:30", "end", "16:30")));
        plan.put("capacity", seats);
        return plan;
    }

    /**
     * A workshop held yesterday whose registration stays open until tomorrow: places can still be taken, and its
     * participation recorded (from a session's day on).
     */
    static Map<String, Object> heldWorkshop(String network, int seats) {
        Map<String, Object> plan = workshop(network, seats);
        plan.put("sessions", List.of(Map.of("date", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).minusDays(1).toString(),
                "start", "13:30", "end", "16:30")));
        plan.put("closesAt", java.time.Instant.now().plus(Duration.ofDays(1)).toString());
        return plan;
    }

    private String create(Map<String, Object> plan) {
        ResponseEntity<JsonNode> created = http.post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops((String) plan.get("network"))).body(plan).retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
        return created.getBody().get("id").asString();
    }

    private ResponseEntity<String> register(String activityId, Object body) {
        return http.post().uri("/api/activities/{id}/registrations", activityId).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).header("X-Forwarded-For", "198.51.100." + (Math.abs(body.hashCode()) % 250))
                .body(body).retrieve().toEntity(String.class);
    }

    private static Map<String, Object> teacher(String email) {
        return Map.of("name", "Leraar " + email, "email", email, "school", "Sint-Jozef", "grade", "SECONDARY", "consent", true);
    }

    private JsonNode ops(String activityId, String network) {
        return http.get().uri("/api/ops/activities/{id}", activityId).header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class);
    }

    /** The activity's events of a type on the topic; each record checked against the envelope's schema and keyed by the activity. */
    private List<ReceivedEvent> events(String activityId, EventType<?> type) {
        List<ConsumerRecord<String, String>> records = TestKafka.records(Topics.REGISTRATIONS, v -> v.contains(activityId) && v.contains(type.name()));
        for (ConsumerRecord<String, String> record : records) {
            assertThat(ENVELOPES.errors(EventCatalog.ENVELOPE_SCHEMA, record.value())).as("the CloudEvents envelope of " + record.value()).isEmpty();
            assertThat(record.key()).as("keyed by the activity, so its events keep their order").isEqualTo(activityId);
        }
        return records.stream().map(ConsumerRecord::value).map(v -> codec.decode(v.getBytes(StandardCharsets.UTF_8)))
                .filter(e -> e.type().equals(type.name())).toList();
    }

    private static final EventSchemas ENVELOPES = new EventSchemas(false);

    @Test
    void fiveHundredConcurrentRegistrationsForTwentySeatsNeverOverbook() throws Exception {
        String activity = create(workshop("ISTEM", 20));
        ExecutorService clients = Executors.newFixedThreadPool(48);
        List<Callable<ResponseEntity<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String email = "concurrent-" + i + "-" + activity.substring(0, 8) + "@school.be";
            requests.add(() -> register(activity, Map.of("name", "Leraar", "email", email, "grade", "SECONDARY", "consent", true)));
        }
        List<ResponseEntity<String>> answers = new ArrayList<>();
        for (Future<ResponseEntity<String>> answer : clients.invokeAll(requests)) {
            answers.add(answer.get());
        }
        clients.shutdown();

        assertThat(answers).extracting(a -> a.getStatusCode().value()).containsOnly(201);
        // What each teacher was told when registering: 20 places, and 480 distinct places in line, 1 to 480 ...
        java.util.Map<String, Integer> told = new java.util.HashMap<>();
        int placesTold = 0;
        for (ResponseEntity<String> answer : answers) {
            JsonNode view = new tools.jackson.databind.json.JsonMapper().readTree(answer.getBody());
            if (view.get("status").asString().equals("CONFIRMED")) {
                placesTold++;
            } else {
                told.put(view.get("registrationId").asString(), view.get("waitlistPosition").asInt());
            }
        }
        assertThat(placesTold).isEqualTo(20);
        assertThat(told.values()).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 480).boxed().toList());
        // ... and the waiting list holds them in exactly that order (first come, first served).
        JsonNode registrations = ops(activity, "ISTEM").get("registrations");
        int confirmed = 0;
        for (JsonNode row : registrations) {
            if (row.get("status").asString().equals("CONFIRMED")) {
                confirmed++;
            } else {
                assertThat(row.get("waitlistPosition").asInt()).as("place in line of " + row.get("registrationId").asString())
                        .isEqualTo(told.get(row.get("registrationId").asString()));
            }
        }
        assertThat(confirmed).isEqualTo(20);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(events(activity, EventCatalog.REGISTRATION_CONFIRMED)).hasSize(20);
            assertThat(events(activity, EventCatalog.REGISTRATION_WAITLISTED)).hasSize(480);
        });
    }

    /** A workshop of one seat, held by "holder-<id>@school.be", with "<first>-<id>@school.be" and then "<second>-..." waiting. */
    private String oneSeatWithTwoWaiting(String first, String second) {
        String activity = create(workshop("ISTEM", 1));
        for (String prefix : List.of("holder", first, second)) {
            register(activity, teacher(prefix + "-" + activity + "@school.be"));
        }
        return activity;
    }

    @Test
    void aCancellationPromotesExactlyOneAndTellsThemByMail() throws Exception {
        String activity = oneSeatWithTwoWaiting("waiting1", "waiting2");
        String waiting1 = "waiting1-" + activity + "@school.be";
        String holderRegistration = ops(activity, "ISTEM").get("registrations").get(0).get("registrationId").asString();

        JsonNode after = http.post().uri("/api/ops/activities/{id}/registrations/{r}/cancel", activity, holderRegistration)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().body(JsonNode.class);

        List<String> statuses = new ArrayList<>();
        after.get("registrations").forEach(r -> statuses.add(r.get("status").asString() + ":" + r.get("waitlistPosition").asInt()));
        assertThat(statuses).containsExactly("CANCELLED:0", "CONFIRMED:0", "WAITLISTED:1");
        // Mails go out one by one from the registrations topic: after the 500-registration test there may be
        // hundreds queued before this one.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(events(activity, EventCatalog.REGISTRATION_PROMOTED)).hasSize(1);
            assertThat(mailsTo(waiting1)).anyMatch(subject -> subject.contains("plaats vrijgekomen"));
        });
    }

    @Test
    void cancellingAnActivityTellsEveryoneWhoHeldOrWaitedForAPlace() {
        String activity = create(workshop("ISTEM", 1));
        String holder = "holder-" + activity + "@school.be";
        String waiting = "waiting-" + activity + "@school.be";
        register(activity, teacher(holder));
        register(activity, teacher(waiting));

        http.post().uri("/api/ops/activities/{id}/cancel", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toBodilessEntity();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(mailsTo(holder)).anyMatch(subject -> subject.startsWith("Activiteit geannuleerd"));
            assertThat(mailsTo(waiting)).anyMatch(subject -> subject.startsWith("Activiteit geannuleerd"));
        });
        // Its registrations ended with it: the network cannot cancel one again (which would mail its teacher twice).
        String holderRegistration = ops(activity, "ISTEM").get("registrations").get(0).get("registrationId").asString();
        ResponseEntity<String> again = http.post().uri("/api/ops/activities/{id}/registrations/{r}/cancel", activity, holderRegistration)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toEntity(String.class);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).contains("ACTIVITY_CANCELLED");
        assertThat(events(activity, EventCatalog.REGISTRATION_CANCELLED)).isEmpty();
        assertThat(http.get().uri("/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .accept(MediaType.TEXT_HTML).retrieve().body(String.class)).as("nor does its page offer to").doesNotContain("id=\"cancel-");
    }

    @Test
    void onceAnActivityHasBegunOneWaitingCanStillLeaveTheListButOneHoldingAPlaceCannot() throws Exception {
        Map<String, Object> plan = workshop("ISTEM", 1);
        plan.put("sessions", List.of(Map.of("date", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).minusDays(1).toString(),
                "start", "13:30", "end", "16:30")));
        // Registration open past the start, as the network chose: it closes then only without a closing moment of its own.
        plan.put("closesAt", java.time.Instant.now().plus(Duration.ofDays(1)).toString());
        String activity = create(plan);
        String holder = "begun-holder-" + activity + "@school.be";
        String waiting = "begun-waiting-" + activity + "@school.be";
        register(activity, teacher(holder));
        register(activity, teacher(waiting));

        String holderPage = page("/my?token=" + personalToken(holder)).getBody();
        String waitingToken = personalToken(waiting);
        String waitingPage = page("/my?token=" + waitingToken).getBody();

        assertThat(holderPage).doesNotContain("/cancel\"");
        assertThat(waitingPage).contains("/cancel\"").contains("Je plaats op de wachtlijst voor");
        String registration = http.get().uri("/api/my?token={t}", waitingToken).retrieve().body(JsonNode.class)
                .get("registrations").get(0).get("registrationId").asString();
        ResponseEntity<String> left = http.post().uri("/api/my/activities/{a}/registrations/{r}/cancel?token={t}", activity, registration,
                waitingToken).header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf).retrieve().toEntity(String.class);
        assertThat(left.getStatusCode().value()).isEqualTo(200);
        assertThat(ops(activity, "ISTEM").get("registrations")).anyMatch(r -> r.get("registrationId").asString().equals(registration)
                && r.get("status").asString().equals("CANCELLED"));
    }

    @Test
    void aTeamMemberCannotCancelTheTeamsRegistrationThroughTheirLinkAndIsToldWhy() throws Exception {
        Map<String, Object> plan = workshop("STEMBASIS", 12);
        plan.put("type", "SCHOOL_TRAJECTORY");
        String activity = create(plan);
        String member = "member-" + activity + "@school.be";
        register(activity, Map.of("team", Map.of("school", "De Linde", "postcode", "9000", "teachers", List.of(
                Map.of("name", "Lien", "email", member, "grade", "SECONDARY"))), "consent", true));
        String registration = ops(activity, "STEMBASIS").get("registrations").get(0).get("registrationId").asString();

        ResponseEntity<String> refused = http.post().uri("/api/my/activities/{a}/registrations/{r}/cancel?token={t}", activity, registration,
                personalToken(member)).header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf).retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).contains("TEAM_CANCELLED_BY_NETWORK");
        assertThat(ops(activity, "STEMBASIS").get("registrations").get(0).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aDraftsChangesAndCancellationAreKept() {
        Map<String, Object> plan = workshop("ISTEM", 5);
        plan.put("publish", false);
        String activity = create(plan);
        plan.put("title", "Nieuwe titel");

        http.put().uri("/api/ops/activities/{id}", activity).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().toBodilessEntity();
        assertThat(ops(activity, "ISTEM").get("activity").get("title").asString()).isEqualTo("Nieuwe titel");

        http.post().uri("/api/ops/activities/{id}/cancel", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toBodilessEntity();
        assertThat(ops(activity, "ISTEM").get("activity").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(http.post().uri("/api/ops/activities/{id}/publish", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void aPublishedActivitysChangeAndCancellationAreEventsTheirSchemasAccept() {
        Map<String, Object> plan = workshop("ISTEM", 5);
        String activity = create(plan);
        plan.put("title", "Gewijzigde titel");
        plan.put("capacity", 8);

        ResponseEntity<String> changed = http.put().uri("/api/ops/activities/{id}", activity).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().toEntity(String.class);
        http.post().uri("/api/ops/activities/{id}/cancel", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toBodilessEntity();

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(events(activity, EventCatalog.ACTIVITY_CHANGED)).hasSize(1);
            assertThat(events(activity, EventCatalog.ACTIVITY_CANCELLED)).hasSize(1);
        });
        EventSchemas schemas = new EventSchemas(true);
        for (EventType<?> type : List.of(EventCatalog.ACTIVITY_CHANGED, EventCatalog.ACTIVITY_CANCELLED)) {
            List<ReceivedEvent> produced = events(activity, type);
            assertThat(produced).as(type.name()).isNotEmpty();
            for (ReceivedEvent event : produced) {
                assertThat(schemas.errors(type.schemaResource(), event.data())).as(type.name()).isEmpty();
            }
        }
        assertThat(events(activity, EventCatalog.ACTIVITY_CHANGED).get(0).data().get("title").asString()).isEqualTo("Gewijzigde titel");
    }

    @Test
    void theCapacityCannotGoBelowThePlacesTaken() {
        Map<String, Object> plan = workshop("ISTEM", 2);
        String activity = create(plan);
        register(activity, teacher("one-" + activity + "@school.be"));
        register(activity, teacher("two-" + activity + "@school.be"));
        plan.put("capacity", 1);

        ResponseEntity<String> refused = http.put().uri("/api/ops/activities/{id}", activity).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).contains("CAPACITY_BELOW_CONFIRMED");
    }

    private List<String> mailsTo(String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    @Test
    void registeringTwiceChangesNothing() {
        String activity = create(workshop("ISTEM", 5));
        String email = "twice-" + activity + "@school.be";

        ResponseEntity<String> first = register(activity, teacher(email));
        ResponseEntity<String> second = register(activity, teacher(email.toUpperCase()));

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(ops(activity, "ISTEM").get("registrations")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> events(activity, EventCatalog.REGISTRATION_CONFIRMED).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> events(activity, EventCatalog.REGISTRATION_CONFIRMED).size() == 1);
    }

    /** Registers a teacher, waits for their confirmation mail, and answers the confirmation's record. */
    private ConsumerRecord<String, String> registeredAndMailed(String activity, String email) throws Exception {
        register(activity, teacher(email));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(email).size() == 1);
        return TestKafka.records(Topics.REGISTRATIONS, v -> v.contains(activity) && v.contains(EventCatalog.REGISTRATION_CONFIRMED.name())).get(0);
    }

    /** Removes the marks of the mails an event's record brought, as if the mailer had stopped before writing them. */
    private void forgetMailMarks(ConsumerRecord<String, String> record) {
        mongo.getCollection("sent_mails").deleteMany(new org.bson.Document("_id", new org.bson.Document("$regex", "^"
                + codec.decode(record.value().getBytes(StandardCharsets.UTF_8)).id())));
    }

    @Test
    void anAddressNoMailCanGoToIsPassedOverAndHoldsBackNoMailAfterIt() throws Exception {
        String activity = create(workshop("ISTEM", 5));
        String email = "unusable-" + activity + "@school.be";
        ConsumerRecord<String, String> confirmed = registeredAndMailed(activity, email);
        // An address stored before the form checked addresses as mails parse them: two, with a comma between.
        String teacherId = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();
        mongo.getCollection("teachers").updateOne(new org.bson.Document("_id", teacherId),
                new org.bson.Document("$set", new org.bson.Document("email", "jan,piet-" + activity + "@school.be")));
        forgetMailMarks(confirmed);
        double refused = meters.counter("stemreach.registrations.mails.refused", "kind", "confirmed").count();

        // Its confirmation comes again, then a registration after it (same activity: the same partition).
        TestKafka.send(Topics.REGISTRATIONS, confirmed.key(), confirmed.value());
        String after = "after-unusable-" + activity + "@school.be";
        register(activity, teacher(after));

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(after).size() == 1);
        assertThat(meters.counter("stemreach.registrations.mails.refused", "kind", "confirmed").count()).isEqualTo(refused + 1);
    }

    @Test
    void aRedeliveredEventMailsAgainOnlyIfItsMailWasNeverMarkedAsSent() throws Exception {
        String activity = create(workshop("ISTEM", 5));
        String email = "redelivered-" + activity + "@school.be";
        ConsumerRecord<String, String> confirmed = registeredAndMailed(activity, email);
        assertThat(mailBody(email)).as("the date in each language's own words")
                .contains(SESSION_DAY.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl-BE"))))
                .contains(SESSION_DAY.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)));

        // Delivered again (a consumer that stopped before committing its offset): the mail was sent, nothing more. A
        // registration after it (same activity: same key and partition) is mailed only once the copy before it was read.
        TestKafka.send(Topics.REGISTRATIONS, confirmed.key(), confirmed.value());
        String after = "after-" + activity + "@school.be";
        register(activity, teacher(after));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(after).size() == 1);
        assertThat(mailsTo(email)).hasSize(1);

        // No mark (the mailer stopped between sending and marking): delivered again, it is sent again.
        forgetMailMarks(confirmed);
        TestKafka.send(Topics.REGISTRATIONS, confirmed.key(), confirmed.value());
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 2);
    }

    @Test
    void theOpsPageCancelButtonSaysWhoseRegistrationItCancelsAndAsksFirst() {
        Map<String, Object> plan = workshop("STEMBASIS", 12);
        plan.put("type", "SCHOOL_TRAJECTORY");
        String trajectory = create(plan);
        register(trajectory, Map.of("team", Map.of("school", "De Vlieger", "postcode", "8000", "teachers", List.of(
                Map.of("name", "Dirk", "email", "dirk-" + trajectory + "@school.be", "grade", "SECONDARY"),
                Map.of("name", "Els", "email", "els-" + trajectory + "@school.be", "grade", "SECONDARY"))), "consent", true));
        String workshop = create(workshop("STEMBASIS", 12));
        register(workshop, teacher("fien-" + workshop + "@school.be"));

        String team = http.get().uri("/ops/activities/{id}", trajectory).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .accept(MediaType.TEXT_HTML).retrieve().body(String.class);
        String alone = http.get().uri("/ops/activities/{id}", workshop).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .accept(MediaType.TEXT_HTML).retrieve().body(String.class);

        assertThat(team).contains("aria-label=\"Inschrijving annuleren: team van De Vlieger\"")
                .contains("data-confirm=\"De inschrijving van het team van De Vlieger annuleren, met al zijn leraren?");
        // A session's column says its start too: two sessions on one day are two different columns.
        assertThat(alone).contains("<th scope=\"col\">" + SESSION_DAY.format(java.time.format.DateTimeFormatter.ofPattern("dd-MM")) + " 13:30</th>");
        // The name a speech-input user says (the visible label) starts the accessible name (WCAG 2.5.3).
        assertThat(alone).contains("aria-label=\"Inschrijving annuleren: Leraar fien-" + workshop + "@school.be\"")
                .contains("data-confirm=\"De inschrijving van Leraar fien-");
    }

    @Test
    void aTeamRefusedForATeacherRegisteredAlreadyStoresNoneOfItsDetails() {
        Map<String, Object> plan = workshop("STEMBASIS", 12);
        plan.put("type", "SCHOOL_TRAJECTORY");
        String activity = create(plan);
        String first = "first-" + activity + "@school.be";
        Map<String, Object> team = Map.of("school", "De Vlieger", "postcode", "8000", "teachers", List.of(
                Map.of("name", "Ann", "email", first, "grade", "SECONDARY")));
        assertThat(register(activity, Map.of("team", team, "consent", true)).getStatusCode().value()).isEqualTo(201);
        long teachersBefore = mongo.getCollection("teachers").countDocuments();
        long schoolsBefore = mongo.getCollection("schools").countDocuments();

        // Ann again, now with another school and a new colleague: refused, and neither the school nor Ben is stored.
        Map<String, Object> other = Map.of("school", "Het Anker", "postcode", "8000", "teachers", List.of(
                Map.of("name", "Ann", "email", first, "grade", "SECONDARY"),
                Map.of("name", "Ben", "email", "ben-" + activity + "@school.be", "grade", "SECONDARY")));
        ResponseEntity<String> refused = register(activity, Map.of("team", other, "consent", true));
        // The same school again with a new colleague: its registration as it was, and the colleague not stored either.
        Map<String, Object> again = Map.of("school", "De Vlieger", "postcode", "8000", "teachers", List.of(
                Map.of("name", "Cas", "email", "cas-" + activity + "@school.be", "grade", "SECONDARY")));
        ResponseEntity<String> existing = register(activity, Map.of("team", again, "consent", true));

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).contains("TEACHER_ALREADY_REGISTERED");
        assertThat(existing.getStatusCode().value()).isEqualTo(200);
        assertThat(mongo.getCollection("teachers").countDocuments()).isEqualTo(teachersBefore);
        assertThat(mongo.getCollection("schools").countDocuments()).isEqualTo(schoolsBefore);
    }

    @Test
    void aSchoolTeamBreakingTheCompositionRuleGetsA400NamingTheRule() {
        Map<String, Object> plan = workshop("STEMBASIS", 12);
        plan.put("type", "BASIC_TRAJECTORY");
        String activity = create(plan);
        Map<String, Object> team = Map.of("school", "Basisschool De Regenboog", "postcode", "9000", "teachers", List.of(
                Map.of("name", "Els", "email", "els-" + activity + "@school.be", "grade", "GRADE_1"),
                Map.of("name", "Jan", "email", "jan-" + activity + "@school.be", "grade", "GRADE_2")));

        ResponseEntity<String> refused = register(activity, Map.of("team", team, "consent", true));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).contains("\"rule\":\"TEAM_COMPOSITION\"").contains("grades 3 to 6");
        assertThat(ops(activity, "STEMBASIS").get("registrations")).isEmpty();
        // Refused: neither the teachers nor the school were stored.
        assertThat(mongo.getCollection("teachers").countDocuments(new org.bson.Document("emailKey", "els-" + activity + "@school.be"))).isZero();
        assertThat(mongo.getCollection("schools").countDocuments(new org.bson.Document("name", "Basisschool De Regenboog"))).isZero();

        Map<String, Object> good = Map.of("school", "Basisschool De Regenboog", "postcode", "9000", "teachers", List.of(
                Map.of("name", "Els", "email", "els-" + activity + "@school.be", "grade", "GRADE_1"),
                Map.of("name", "Piet", "email", "piet-" + activity + "@school.be", "grade", "GRADE_5")));
        assertThat(register(activity, Map.of("team", good, "consent", true)).getStatusCode().value()).isEqualTo(201);

        // On the page, a teacher's missing details are said with the teacher's number on the form.
        String page = http.post().uri("/activities/{id}/register", activity).headers(RegistrationsIT::csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("school=De+Regenboog&consent=true"
                        + "&members[0].name=An&members[0].email=an-" + activity + "%40school.be&members[0].grade=GRADE_1"
                        + "&members[1].name=Bo&members[1].email=bo-" + activity + "%40school.be")
                .retrieve().body(String.class);
        assertThat(page).contains("id=\"problems\"").contains("Leraar 2: vul naam, e-mailadres en graad in.").doesNotContain("Leraar 1:");
        // The page says what a team must be before it is sent, with a row for each teacher a school may send.
        String form = http.get().uri("/activities/{id}", activity).retrieve().body(String.class);
        assertThat(form).contains("Per school schrijf je 2 tot 12 leraren in, met minstens één leraar van de lagere graden")
                .contains("name=\"members[11].name\"").doesNotContain("name=\"members[12].name\"");
    }

    @Test
    void aPlanSentAgainWithItsIdempotencyKeyPlansNothingMore() {
        Map<String, Object> plan = workshop("ISTEM", 5);
        String key = UUID.randomUUID().toString();
        java.util.function.Function<Object, ResponseEntity<JsonNode>> send = body -> http.post().uri("/api/ops/activities")
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .header("Idempotency-Key", key).body(body).retrieve().toEntity(JsonNode.class);

        ResponseEntity<JsonNode> first = send.apply(plan);
        ResponseEntity<JsonNode> again = send.apply(plan);
        Map<String, Object> other = new HashMap<>(plan);
        other.put("title", "Een ander plan");
        ResponseEntity<JsonNode> reused = send.apply(other);
        ResponseEntity<JsonNode> badKey = http.post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).header("Idempotency-Key", "twee woorden").body(plan)
                .retrieve().toEntity(JsonNode.class);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).as("the activity planned the first time").isEqualTo(200);
        String id = first.getBody().get("id").asString();
        assertThat(again.getBody().get("id").asString()).isEqualTo(id);
        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(reused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(badKey.getStatusCode().value()).isEqualTo(400);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(15)).until(() -> events(id, EventCatalog.ACTIVITY_SCHEDULED).size() == 1);
        assertThat(http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve()
                .body(JsonNode.class).valueStream().filter(a -> a.get("title").asString().equals(plan.get("title"))).count())
                .as("one activity of that title").isEqualTo(1);
    }

    @Test
    void anAdministratorStartsANetworkOnlyWhenSayingSoSoATypoMovesNothingOutOfTheRealOne() throws Exception {
        String fresh = "NEW" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT).replace('-', 'X');
        java.util.function.BiFunction<String, Map<String, Object>, ResponseEntity<JsonNode>> plan = (token, body) -> http.post()
                .uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, token).body(body)
                .retrieve().toEntity(JsonNode.class);
        long before = mongo.getCollection("activities").countDocuments();

        ResponseEntity<JsonNode> typo = plan.apply(TestTokens.admin(), workshop(fresh, 5));
        assertThat(typo.getStatusCode().value()).isEqualTo(400);
        assertThat(typo.getBody().toString()).contains("NEW_NETWORK_NOT_CONFIRMED");
        assertThat(mongo.getCollection("activities").countDocuments()).as("nothing planned").isEqualTo(before);
        // A page's form says so at the network field.
        String form = "network=" + fresh + "&title=Typo&type=WORKSHOP&partner=KU+Leuven&location=Campus+Kulak&city=Kortrijk&capacity=12"
                + "&_online=on&_publish=on&sessions[0].date=" + SESSION_DAY + "&sessions[0].start=13:30&sessions[0].end=16:30";
        String page = http.post().uri("/ops/activities/new").header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(String.class);
        assertThat(page).contains("Dit netwerk heeft nog geen activiteiten").contains("name=\"newNetwork\"");
        assertThat(mongo.getCollection("activities").countDocuments()).isEqualTo(before);

        Map<String, Object> confirmed = new HashMap<>(workshop(fresh, 5));
        confirmed.put("newNetwork", true);
        assertThat(plan.apply(TestTokens.admin(), confirmed).getStatusCode().value()).as("confirmed as new").isEqualTo(201);
        assertThat(plan.apply(TestTokens.admin(), workshop(fresh, 5)).getStatusCode().value()).as("known from now on").isEqualTo(201);
        assertThat(plan.apply(TestTokens.ops("OWN" + fresh), workshop("OWN" + fresh, 5)).getStatusCode().value())
                .as("an operations team names its own network: its role says so").isEqualTo(201);

        // Moving an activity to a label no activity has: refused the same way, the activity stays where it was.
        String activity = create(workshop("ISTEM", 5));
        Map<String, Object> moved = new HashMap<>(workshop("ISTME", 5));
        ResponseEntity<String> move = http.put().uri("/api/ops/activities/{id}", activity).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).body(moved).retrieve().toEntity(String.class);
        assertThat(move.getStatusCode().value()).isEqualTo(400);
        assertThat(ops(activity, "ISTEM").get("activity").get("network").asString()).isEqualTo("ISTEM");

        // An administrator's past log naming such a label: refused by line, unless confirmed as new.
        String imported = "IMP" + fresh;
        String csv = new String(getClass().getResourceAsStream("/past-activity-log.csv").readAllBytes(), StandardCharsets.UTF_8)
                .replace("ISTEM", imported);
        ResponseEntity<JsonNode> unconfirmed = http.post().uri("/api/ops/imports").contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).body(csv).retrieve().toEntity(JsonNode.class);
        assertThat(unconfirmed.getStatusCode().value()).isEqualTo(400);
        assertThat(unconfirmed.getBody().get("errors").valueStream().map(e -> e.get("code").asString()).distinct().toList())
                .containsExactly("unknownNetwork");
        assertThat(http.post().uri("/api/ops/imports?newNetworks={n}", imported).contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).body(csv).retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Autowired
    org.stemreach.registrations.registration.OrphanTeachers orphans;

    @Test
    void aTeacherLeftWithoutAnyRegistrationLosesTheirDataButNotOneWhoRegistersMeanwhile() {
        String activity = create(workshop("ISTEM", 5));
        // Stored as a registration stores its teacher, whose registration was then never written.
        String orphan = teachers.identify("orphan-" + activity + "@school.be", "Olaf", "Sint-Jozef", null);
        String returning = teachers.identify("returning-" + activity + "@school.be", "Rita", null, null);
        assertThat(register(activity, teacher("kept-" + activity + "@school.be")).getStatusCode().value()).isEqualTo(201);
        String registered = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();
        java.time.Instant now = java.time.Instant.now();
        mongo.updateMulti(new org.springframework.data.mongodb.core.query.Query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .in(orphan, returning, registered)),
                new org.springframework.data.mongodb.core.query.Update().set("consentAt", now.minus(Duration.ofDays(3))), "teachers");

        orphans.sweep(now);
        assertThat(mongo.findById(orphan, org.bson.Document.class, "teachers")).as("marked first, not removed").containsKey("orphanSince");
        assertThat(mongo.findById(registered, org.bson.Document.class, "teachers")).doesNotContainKey("orphanSince");
        // Registering again (its teacher identified as a registration does) takes the mark away.
        assertThat(teachers.identify("returning-" + activity + "@school.be", "Rita", null, null)).isEqualTo(returning);
        orphans.sweep(now.plus(Duration.ofDays(2)));

        assertThat(mongo.findById(orphan, org.bson.Document.class, "teachers")).as("name and address gone").isNull();
        assertThat(mongo.findById(returning, org.bson.Document.class, "teachers")).isNotNull();
        assertThat(mongo.findById(registered, org.bson.Document.class, "teachers")).isNotNull().containsEntry("name", "Leraar kept-" + activity + "@school.be");
    }

    @Test
    void registeringAgainOnThePagePromisesNoMailAndLeadsToANewLink() {
        String activity = create(workshop("ISTEM", 5));
        String form = "name=Lien&email=again-" + activity + "%40school.be&grade=SECONDARY&consent=true";
        List<String> pages = new ArrayList<>();
        String confirmation = null;
        for (int i = 0; i < 2; i++) {
            ResponseEntity<String> answer = http.post().uri("/activities/{id}/register", activity).headers(RegistrationsIT::csrf)
                    .header("X-Forwarded-For", "198.51.100.240").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().toEntity(String.class);
            confirmation = answer.getHeaders().getLocation().getPath();
            pages.add(http.get().uri(answer.getHeaders().getLocation().toString()).retrieve().body(String.class));
        }

        assertThat(pages.get(0)).contains("Je krijgt een e-mail").doesNotContain("id=\"new-link\"");
        assertThat(pages.get(1)).as("nothing changed, so no mail goes out").contains("Je was al ingeschreven")
                .doesNotContain("Je krijgt een e-mail").contains("id=\"new-link\"");
        assertThat(pages).allSatisfy(page -> assertThat(page).contains("id=\"nav-mine\""));
        assertThat(pages.get(0)).contains("<h1>Bedankt!</h1>");

        // One place: the second teacher's page says at once that they wait, not only further down.
        String small = create(workshop("ISTEM", 1));
        List<String> heads = new ArrayList<>();
        for (String who : List.of("first", "second")) {
            ResponseEntity<String> answer = http.post().uri("/activities/{id}/register", small).headers(RegistrationsIT::csrf)
                    .header("X-Forwarded-For", "198.51.100.241").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body("name=Lien&email=" + who + "-" + small + "%40school.be&grade=SECONDARY&consent=true").retrieve().toEntity(String.class);
            heads.add(http.get().uri(answer.getHeaders().getLocation().toString()).retrieve().body(String.class));
        }
        assertThat(heads.get(0)).contains("<h1>Bedankt!</h1>");
        assertThat(heads.get(1)).contains("<h1>Je staat op de wachtlijst</h1>").contains("<title>Je staat op de wachtlijst");

        // Opened again once the registration was cancelled: the page says so, and no longer that it is confirmed.
        http.post().uri("/api/ops/activities/{id}/registrations/{r}/cancel", activity, confirmation.replaceAll(".*/", ""))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toBodilessEntity();
        assertThat(http.get().uri(confirmation).retrieve().body(String.class)).contains("is geannuleerd").doesNotContain("is bevestigd")
                .doesNotContain("Je was al ingeschreven").contains("id=\"register-again\"");
    }

    @Test
    void registrationOutsideTheWindowIsRefusedClearly() {
        Map<String, Object> plan = workshop("ISTEM", 5);
        plan.put("opensAt", "2020-01-01T00:00:00Z");
        plan.put("closesAt", "2020-02-01T00:00:00Z");
        String activity = create(plan);

        ResponseEntity<String> late = register(activity, teacher("late-" + activity + "@school.be"));

        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody()).contains("REGISTRATION_CLOSED").contains("closed");

        // Registering again after the window closed returns the registration made while it was open.
        Map<String, Object> open = workshop("ISTEM", 5);
        String closing = create(open);
        String early = "early-" + closing + "@school.be";
        assertThat(register(closing, teacher(early)).getStatusCode().value()).isEqualTo(201);
        open.put("closesAt", "2020-02-01T00:00:00Z");
        http.put().uri("/api/ops/activities/{id}", closing).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(open).retrieve().toBodilessEntity();
        ResponseEntity<String> again = register(closing, teacher(early));
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(200);
        assertThat(again.getBody()).contains("CONFIRMED");
        assertThat(register(closing, teacher("other-" + closing + "@school.be")).getStatusCode().value()).isEqualTo(409);

        // The teacher page says when a window opens, in Brussels time (UTC+1 on 2 March).
        Map<String, Object> later = workshop("ISTEM", 5);
        later.put("opensAt", "2099-03-02T08:00:00Z");
        String soon = create(later);
        String page = http.get().uri("/activities/{id}", soon).header(HttpHeaders.ACCEPT_LANGUAGE, "nl-BE").retrieve().body(String.class);
        assertThat(page).contains("De inschrijvingen openen op maandag 2 maart 2099 om 09:00.").doesNotContain("id=\"registration\"");
        // Without a closing moment of its own: until it begins.
        assertThat(http.get().uri("/activities/{id}", create(workshop("ISTEM", 5))).header(HttpHeaders.ACCEPT_LANGUAGE, "nl-BE")
                .retrieve().body(String.class)).contains("Inschrijven kan tot de activiteit begint.");
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String activity = create(workshop("ISTEM", 5));
        long teachersBefore = mongo.getCollection("teachers").countDocuments();
        List<ResponseEntity<String>> answers = new ArrayList<>();
        answers.add(register(activity, Map.of("name", "Zonder e-mail", "grade", "SECONDARY", "consent", true)));
        answers.add(register(activity, Map.of("name", "X", "email", "not-an-email", "grade", "SECONDARY", "consent", true)));
        answers.add(register(activity, Map.of("name", "X", "email", "x@school.be", "grade", "SECONDARY", "consent", false)));
        answers.add(register(activity, Map.of("name", Map.of("$gt", ""), "email", "x@school.be", "grade", "SECONDARY", "consent", true)));
        answers.add(register(activity, Map.of("name", "X", "email", Map.of("$ne", ""), "grade", "SECONDARY", "consent", true)));
        answers.add(http.post().uri("/api/activities/{id}/registrations", activity).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body("{\"name\": \"broken").retrieve().toEntity(String.class));
        answers.add(http.post().uri("/api/activities/{id}/registrations", activity).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body("{\"consent\": true, \"team\": {\"school\": \"X\", \"teachers\": [null]}}")
                .retrieve().toEntity(String.class));
        Map<String, Object> nullSession = workshop("ISTEM", 5);
        nullSession.put("sessions", java.util.Arrays.asList((Object) null));
        Map<String, Object> farFuture = workshop("ISTEM", 5);
        farFuture.put("sessions", List.of(Map.of("date", "+10000-01-01", "start", "13:30", "end", "16:30")));
        long activitiesBefore = mongo.getCollection("activities").countDocuments();
        for (Map<String, Object> plan : List.of(nullSession, farFuture)) {
            answers.add(http.post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().toEntity(String.class));
        }
        // A team row beyond the form's last, by hand: refused with a page, nothing grown.
        answers.add(http.post().uri("/activities/{id}/register", activity).headers(RegistrationsIT::csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("members[256].name=x&consent=true").retrieve().toEntity(String.class));
        ResponseEntity<String> oddLanguage = http.get().uri("/activities?lang=%3C").retrieve().toEntity(String.class);
        answers.add(http.post().uri("/api/activities/{id}/registrations", activity).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body("{\"name\": \"" + "x".repeat(3_000_000) + "\"}").retrieve().toEntity(String.class));
        for (ResponseEntity<String> answer : answers) {
            assertThat(answer.getStatusCode().is4xxClientError()).as(answer.getStatusCode() + " " + answer.getBody()).isTrue();
            if (answer.getBody() != null && !answer.getBody().isEmpty() && !answer.getBody().startsWith("<!DOCTYPE")) {
                assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        assertThat(mongo.getCollection("activities").countDocuments()).isEqualTo(activitiesBefore);
        assertThat(oddLanguage.getStatusCode().value()).as("an unknown ?lang= keeps the language").isEqualTo(200);
        ResponseEntity<String> unknown = register("no-such-activity", teacher("ghost@school.be"));
        ResponseEntity<String> withoutCsrf = http.post().uri("/api/activities/{id}/registrations", activity)
                .contentType(MediaType.APPLICATION_JSON).body(teacher("nocsrf@school.be")).retrieve().toEntity(String.class);

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(withoutCsrf.getStatusCode().value()).isEqualTo(403);
        assertThat(ops(activity, "ISTEM").get("registrations")).isEmpty();
        assertThat(mongo.getCollection("teachers").countDocuments()).isEqualTo(teachersBefore); // refused: nobody stored, ghost@ neither
    }

    @Test
    void theOperationsTeamWorksOnlyOnItsOwnNetwork() {
        String activity = create(workshop("ISTEM", 5));

        assertThat(http.get().uri("/api/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.get().uri("/api/ops/activities/{id}", activity).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.get().uri("/api/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.forged("ADMIN"))
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(401);
        Map<String, Object> other = workshop("STEMBASIS", 5);
        assertThat(http.post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(other).retrieve().toEntity(String.class)
                .getStatusCode().value()).isEqualTo(403);
        String theirs = create(other);
        JsonNode list = http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .retrieve().body(JsonNode.class);
        assertThat(java.util.stream.StreamSupport.stream(list.spliterator(), false).map(a -> a.get("id").asString())).contains(theirs).doesNotContain(activity);
        list.forEach(a -> assertThat(a.get("network").asString()).isEqualTo("STEMBASIS"));
        // Every change of another network's activity: not found, nothing changed (checked in the change itself).
        register(activity, teacher("own-" + activity + "@school.be"));
        String registration = ops(activity, "ISTEM").get("registrations").get(0).get("registrationId").asString();
        String session = ops(activity, "ISTEM").get("activity").get("sessions").get(0).get("id").asString();
        String teacherId = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();
        List<ResponseEntity<String>> refused = List.of(
                http.post().uri("/api/ops/activities/{id}/cancel", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                        .retrieve().toEntity(String.class),
                http.post().uri("/api/ops/activities/{id}/registrations/{r}/cancel", activity, registration)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS")).retrieve().toEntity(String.class),
                http.post().uri("/api/ops/activities/{id}/attendance", activity).contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                        .body(Map.of("sessionId", session, "teacherIds", List.of(teacherId), "present", true)).retrieve().toEntity(String.class),
                http.put().uri("/api/ops/activities/{id}/headcount", activity).contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS")).body(Map.of("count", 5)).retrieve().toEntity(String.class),
                http.post().uri("/ops/activities/{id}/headcount", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                        .headers(RegistrationsIT::csrf).contentType(MediaType.APPLICATION_FORM_URLENCODED).body("count=5").retrieve().toEntity(String.class));
        assertThat(refused).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(404));
        JsonNode after = ops(activity, "ISTEM");
        assertThat(after.get("activity").get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(after.get("registrations").get(0).get("status").asString()).isEqualTo("CONFIRMED");
    }

    /** An ISTEM coordinator checks the teacher in for the first session (s1). */
    private ResponseEntity<String> checkIn(String activity, String teacherId) {
        return http.post().uri("/api/ops/activities/{id}/attendance", activity)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sessionId", "s1", "teacherIds", List.of(teacherId), "present", true)).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> headcount(String activity, Map<String, Object> body) {
        return http.put().uri("/api/ops/activities/{id}/headcount", activity)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(String.class);
    }

    @Test
    void attendanceAndHeadcountsArePublishedAndExportedWithoutPersonalDataInEvents() {
        String activity = create(heldWorkshop("ISTEM", 5));
        String email = "present-" + activity + "@school.be";
        register(activity, teacher(email));
        String teacherId = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();

        ResponseEntity<String> checkIn = checkIn(activity, teacherId);
        ResponseEntity<String> headcount = headcount(activity, Map.of("count", 12, "approximate", true));
        String csv = http.get().uri("/api/ops/activities/{id}/participants.csv", activity)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().body(String.class);

        assertThat(checkIn.getBody()).contains("\"changed\":1");
        assertThat(headcount.getStatusCode().value()).isEqualTo(204);
        ResponseEntity<String> cancelled = http.post().uri("/api/ops/activities/{id}/cancel", activity)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toEntity(String.class);
        assertThat(cancelled.getStatusCode().value()).as("it took place: cancelled, it would count nobody").isEqualTo(409);
        assertThat(cancelled.getBody()).contains("PARTICIPATION_RECORDED");
        assertThat(csv).contains("registration;status").contains(email).contains(";x");
        String page = http.get().uri("/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class);
        assertThat(page).as("the approximate headcount shows ticked, so saving it again keeps it approximate")
                .containsPattern("name=\"approximate\" value=\"true\" checked");
        assertThat(page.indexOf("class=\"visually-hidden\" tabindex=\"-1\"")).as("Enter in the check-in form saves, never cancels")
                .isPositive().isLessThan(page.indexOf("id=\"cancel-", page.indexOf("id=\"attendance\"")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ReceivedEvent> attendance = events(activity, EventCatalog.ATTENDANCE_RECORDED);
            assertThat(attendance).hasSize(1);
            assertThat(attendance.get(0).data().get("teacherId").asString()).isEqualTo(teacherId);
            // Ordered by the activity's version, not a writer's clock: after the registration, before the headcount's change.
            assertThat(attendance.get(0).data().get("sequence").asLong()).as("the activity's version with the check-in").isPositive()
                    .isLessThan(mongo.getCollection("activities").find(new org.bson.Document("_id", activity)).first().getLong("version"));
            assertThat(events(activity, EventCatalog.HEADCOUNT_RECORDED)).hasSize(1);
        });
        EventSchemas schemas = new EventSchemas(true);
        for (EventType<?> type : List.of(EventCatalog.ACTIVITY_SCHEDULED, EventCatalog.REGISTRATION_CONFIRMED,
                EventCatalog.ATTENDANCE_RECORDED, EventCatalog.HEADCOUNT_RECORDED)) {
            List<ReceivedEvent> published = events(activity, type);
            assertThat(published).as(type.name()).isNotEmpty();
            for (ReceivedEvent event : published) {
                assertThat(schemas.errors(type.schemaResource(), event.data())).as(type.name()).isEmpty();
                assertThat(event.data().toString()).doesNotContain(email).doesNotContain("Leraar");
            }
        }
    }

    @Test
    void participationOfASessionStillToComeIsRefusedAndItsBoxesCannotBeTicked() {
        String activity = create(workshop("ISTEM", 5));
        register(activity, teacher("early-" + activity + "@school.be"));
        String teacherId = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();

        ResponseEntity<String> checkIn = checkIn(activity, teacherId);
        ResponseEntity<String> headcount = headcount(activity, Map.of("count", 12));
        String page = http.get().uri("/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class);

        assertThat(List.of(checkIn, headcount)).allSatisfy(answer -> {
            assertThat(answer.getStatusCode().value()).isEqualTo(409);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody()).contains("SESSION_NOT_HELD_YET");
        });
        JsonNode after = ops(activity, "ISTEM");
        assertThat(after.get("registrations").get(0).get("attendedSessions")).as("nothing written").isEmpty();
        assertThat(after.get("activity").path("headcount").isNull() || after.get("activity").path("headcount").isMissingNode()).isTrue();
        assertThat(page).containsPattern("name=\"present-s1\"[^>]*disabled");
    }

    @Test
    void aTeacherAloneIsCountedWithTheSchoolTheyName() {
        String activity = create(heldWorkshop("ISTEM", 5));
        Map<String, String> schools = Map.of("a", "Sint-Jozef|8500", "b", "  sint-jozef |8500", "c", "Sint-Jozef|9000");
        schools.forEach((who, school) -> {
            Map<String, Object> body = new java.util.HashMap<>(teacher(who + "-" + activity + "@school.be"));
            body.put("school", school.split("\\|")[0]);
            body.put("postcode", school.split("\\|")[1]);
            register(activity, body);
        });
        Map<String, Object> badPostcode = new java.util.HashMap<>(teacher("d-" + activity + "@school.be"));
        badPostcode.put("postcode", "{\"$gt\": \"\"}");
        ResponseEntity<String> refused = http.post().uri("/api/activities/{id}/registrations", activity).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body(badPostcode).retrieve().toEntity(String.class);
        List<String> teacherIds = new ArrayList<>();
        ops(activity, "ISTEM").get("registrations").forEach(row -> teacherIds.add(row.get("teacherId").asString()));
        http.post().uri("/api/ops/activities/{id}/attendance", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("sessionId", "s1", "teacherIds", teacherIds, "present", true))
                .retrieve().toBodilessEntity();

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(teacherIds).as("the refused one wrote nothing").hasSize(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, String> schoolOf = new java.util.HashMap<>();
            for (ReceivedEvent event : events(activity, EventCatalog.ATTENDANCE_RECORDED)) {
                assertThat(event.data().path("schoolId").isString()).as("a school id: %s", event.data()).isTrue();
                schoolOf.put(event.data().get("teacherId").asString(), event.data().get("schoolId").asString());
            }
            assertThat(schoolOf).hasSize(3);
            Map<String, String> byEmail = new java.util.HashMap<>();
            ops(activity, "ISTEM").get("registrations").forEach(row ->
                    byEmail.put(row.get("email").asString().substring(0, 1), schoolOf.get(row.get("teacherId").asString())));
            assertThat(byEmail.get("a")).as("the same school, however it is written").isEqualTo(byEmail.get("b"));
            assertThat(byEmail.get("c")).as("a school of that name elsewhere").isNotEqualTo(byEmail.get("a"));
        });
        assertThat(events(activity, EventCatalog.REGISTRATION_CONFIRMED)).as("a registration names a school only for a school team")
                .hasSize(3).allSatisfy(event -> assertThat(event.data().path("schoolId").isString()).isFalse());
    }

    @Test
    void importingThePastActivityLogPublishesActivitiesAndHeadcountsOnce() throws Exception {
        String network = "IMP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "X");
        String csv = new String(getClass().getResourceAsStream("/past-activity-log.csv").readAllBytes(), StandardCharsets.UTF_8)
                .replace("ISTEM", network);

        JsonNode first = importLog(csv, network).getBody();
        JsonNode again = importLog(csv, network).getBody();

        assertThat(first.get("created").asInt()).isEqualTo(4);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("alreadyImported").asInt()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ReceivedEvent> headcounts = TestKafka.records(Topics.REGISTRATIONS, v -> v.contains(network) && v.contains("headcount-recorded"))
                    .stream().map(r -> codec.decode(r.value().getBytes(StandardCharsets.UTF_8))).toList();
            assertThat(headcounts).extracting(e -> e.data().get("count").asInt()).containsExactlyInAnyOrder(536, 25, 40, 18);
            assertThat(headcounts).filteredOn(e -> e.data().get("count").asInt() == 25)
                    .singleElement().satisfies(e -> assertThat(e.data().get("approximate").asBoolean()).isTrue());
            assertThat(TestKafka.records(Topics.REGISTRATIONS, v -> v.contains(network) && v.contains("activity-scheduled"))).hasSize(4);
        });
        String imported = http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class).get(0).get("id").asString();
        assertThat(register(imported, teacher("late-" + network + "@school.be")).getStatusCode().value())
                .as("an imported activity is a record of the past: no registrations").isEqualTo(409);
    }

    @Test
    void aLogWithErrorsImportsNothingAndNamesEveryLine() {
        String network = "IMPBAD";
        String csv = "date;network;partner;location;title;type;target_group;participants\n"
                + "12-jan-23;IMPBAD;KU Leuven;Kulak;Goed;WORKSHOP;secundair;20\n"
                + "32-jan-23;IMPBAD;KU Leuven;Kulak;Fout;WORKSHOP;secundair;20\n"
                + "12-jan-23;IMPBAD;KU Leuven;Kulak;Fout;WORKSHOP;secundair;twintig\n"
                + "+10000-01-12;IMPBAD;KU Leuven;Kulak;Ver weg;WORKSHOP;secundair;20\n"
                // every kind of problem at once: more than an activity holds, another network, a date to come
                + "13-jan-23;IMPBAD;KU Leuven;Kulak;Te groot;LECTURE_OR_INFO_STAND;secundair;2000000\n"
                + "14-jan-23;ISTEM;KU Leuven;Kulak;Elders;WORKSHOP;secundair;20\n"
                + "2099-01-12;IMPBAD;KU Leuven;Kulak;Later;WORKSHOP;secundair;20\n";

        ResponseEntity<JsonNode> answer = importLog(csv, network);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("errors")).extracting(e -> e.get("line").asInt()).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(answer.getBody().get("errors")).extracting(e -> e.get("code").asString())
                .containsExactly("dateMissing", "participants", "dateRange", "participantsTooMany", "forbidden", "future");
        assertThat(http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class)).isEmpty();
    }

    @Test
    void aRowImportedBeforeWithAnotherCountIsNamedNotPassedOver() {
        String network = "IMPCHG";
        String csv = "date;network;partner;location;title;type;target_group;participants\n"
                + "12-jan-23;IMPCHG;KU Leuven;Kulak;Infostand;LECTURE_OR_INFO_STAND;secundair;20\n";
        assertThat(importLog(csv, network).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<JsonNode> edited = importLog(csv.replace(";20\n", ";22\n")
                + "13-jan-23;IMPCHG;KU Leuven;Kulak;Nieuw;LECTURE_OR_INFO_STAND;secundair;30\n", network);

        assertThat(edited.getStatusCode().value()).isEqualTo(400);
        assertThat(edited.getBody().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("line").asInt()).isEqualTo(2);
            assertThat(error.get("code").asString()).isEqualTo("changed");
        });
        JsonNode activities = http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class);
        assertThat(activities).as("nothing of the file was imported, the new row neither").hasSize(1);
    }

    @Test
    void aRowTheActivityRulesRefuseImportsNothingEither() {
        String network = "IMPBIG";
        // The second row parses (a whole number) but no activity can have that many participants.
        String csv = "date;network;partner;location;title;type;target_group;participants\n"
                + "12-jan-23;IMPBIG;KU Leuven;Kulak;Goed;WORKSHOP;secundair;20\n"
                + "13-jan-23;IMPBIG;KU Leuven;Kulak;Te groot;LECTURE_OR_INFO_STAND;secundair;2000000\n";

        ResponseEntity<JsonNode> answer = importLog(csv, network);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("errors")).extracting(e -> e.get("line").asInt()).containsExactly(3);
        assertThat(http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class)).isEmpty();
    }

    @Test
    void anImportIsReadInTheCharsetItsSenderDeclares() {
        String network = "IMPCS";
        String csv = "date;network;partner;location;title;type;target_group;participants\n"
                + "12-jan-23;IMPCS;Universiteit België;Kulak;Coördinatie;WORKSHOP;secundair;20\n";

        ResponseEntity<JsonNode> utf16 = importBytes(csv.getBytes(StandardCharsets.UTF_16), "text/csv; charset=UTF-16", network);
        ResponseEntity<JsonNode> notUtf8 = importBytes(csv.replace("IMPCS;", "IMPCS;X").getBytes(java.nio.charset.Charset.forName("windows-1252")),
                "text/csv; charset=UTF-8", network);

        assertThat(utf16.getStatusCode().value()).isEqualTo(200);
        assertThat(http.get().uri("/api/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network))
                .retrieve().body(JsonNode.class)).singleElement().satisfies(activity -> {
                    assertThat(activity.get("title").asString()).isEqualTo("Coördinatie");
                    assertThat(activity.get("partner").asString()).isEqualTo("Universiteit België");
                });
        assertThat(notUtf8.getStatusCode().value()).isEqualTo(400);
        assertThat(notUtf8.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(notUtf8.getBody().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asString()).isEqualTo("charset");
            assertThat(error.get("message").asString()).contains("not UTF-8 text");
            assertThat(error.get("arguments").get(0).asString()).isEqualTo("UTF-8");
        });
    }

    private ResponseEntity<JsonNode> importBytes(byte[] body, String contentType, String network) {
        return http.post().uri("/api/ops/imports").header(HttpHeaders.CONTENT_TYPE, contentType)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).body(body).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void theImportPageNamesEachProblemInTheReadersLanguage() {
        String csv = "date;network;partner;location;title;type;target_group;participants\n"
                + "12-jan-23;IMPPAGE;KU Leuven;Kulak;Goed;WORKSHOP;secundair;20\n"
                + "32-jan-23;IMPPAGE;KU Leuven;;Fout;DANCE;secundair;veel\n"
                + "13-jan-23;IMPPAGE;KU Leuven;Kulak;Te groot;LECTURE_OR_INFO_STAND;secundair;150000\n";
        org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
        form.add("file", new org.springframework.core.io.ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "archief.csv";
            }
        });

        String page = http.post().uri("/ops/import").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("IMPPAGE"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().body(String.class);

        assertThat(page).contains("Regel 3: Datum 32-jan-23 bestaat niet.").contains("Regel 3: De locatie ontbreekt.")
                .contains("Regel 3: Soort DANCE is onbekend").contains("Regel 3: Deelnemers veel is geen geheel getal")
                .contains("Regel 4: Deelnemers 150000 is meer dan een activiteit kan bevatten (100000).")
                .doesNotContain("does not exist");

        form.set("file", new org.springframework.core.io.ByteArrayResource("date;network;partner;location;title;type;target_group;participants\n\"not closed\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "kapot.csv";
            }
        });
        String broken = http.post().uri("/ops/import").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("IMPPAGE"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().body(String.class);
        assertThat(broken).as("a problem of the whole file names no line").contains("Het bestand is geen geldige CSV").doesNotContain("Regel 0")
                .as("the file field described by the errors").contains("aria-describedby=\"import-intro import-errors\"").contains("id=\"import-errors\"");
    }

    private ResponseEntity<JsonNode> importLog(String csv, String network) {
        return http.post().uri("/api/ops/imports").contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops(network)).body(csv).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void aTeacherWhoseLinkIsLostAsksForANewOneWithTheirAddressAndGetsItOnce() throws Exception {
        Registered teacher = registeredWithLink("lost");
        String unknown = "nobody-" + teacher.activity() + "@school.be";

        ResponseEntity<String> asked = askForLink(teacher.email().toUpperCase(java.util.Locale.ROOT));
        ResponseEntity<String> notKnown = askForLink(unknown);
        ResponseEntity<String> notAnAddress = askForLink("not an address");

        assertThat(asked.getStatusCode().value()).isEqualTo(202);
        assertThat(notKnown.getStatusCode().value()).as("the same answer: nobody learns whether an address is known").isEqualTo(202);
        assertThat(notAnAddress.getStatusCode().value()).isEqualTo(400);
        assertThat(notAnAddress.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        await().atMost(Duration.ofSeconds(30)).until(() -> linkMails(teacher.email()).size() == 1);
        String link = linkMails(teacher.email()).get(0).lines().filter(l -> l.contains("/my?token=")).findFirst().orElseThrow();
        String token = link.substring(link.indexOf("token=") + 6).strip();
        assertThat(token).isNotEqualTo(teacher.token());
        assertThat(http.get().uri("/api/my?token={t}", token).retrieve().body(JsonNode.class).get("email").asString()).isEqualTo(teacher.email());
        ResponseEntity<String> replaced = http.get().uri("/api/my?token={t}", teacher.token()).retrieve().toEntity(String.class);
        assertThat(replaced.getStatusCode().value()).as("the link mailed before no longer opens").isEqualTo(403);
        assertThat(replaced.getBody()).contains("replaced");

        // Asked again at once (or a flood of requests): no second mail within ten minutes.
        double recent = meters.counter("stemreach.registrations.link.requests.unsent", "reason", "sent-recently").count();
        double failed = meters.counter("stemreach.registrations.link.requests.unsent", "reason", "failed").count();
        assertThat(askForLink(teacher.email()).getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                meters.counter("stemreach.registrations.link.requests.unsent", "reason", "sent-recently").count() == recent + 1);
        assertThat(linkMails(teacher.email())).hasSize(1);
        assertThat(meters.counter("stemreach.registrations.link.requests.unsent", "reason", "failed").count()).isEqualTo(failed);
        assertThat(mailsTo(unknown)).isEmpty();
    }

    @Test
    void theNewLinkPageAsksForTheAddressAndAnswersAlikeForAnyAddress() {
        String page = page("/my/link").getBody();
        ResponseEntity<String> wrong = linkPage("twee@school.be, adressen@school.be");
        ResponseEntity<String> any = linkPage("someone-" + UUID.randomUUID() + "@school.be");

        assertThat(page).contains("id=\"link-email\"").contains("Stuur mij een nieuwe link");
        assertThat(wrong.getBody()).contains("id=\"link-problem\"").contains("aria-invalid=\"true\"");
        assertThat(any.getStatusCode().value()).as("redirected: reloading asks nothing again").isEqualTo(302);
        assertThat(page(any.getHeaders().getLocation().toString()).getBody()).contains("id=\"link-asked\"").contains("Als dit e-mailadres bij ons bekend is");
        assertThat(page("/my?token=expired").getBody()).as("an invalid link leads there").contains("href=\"/my/link\"");
    }

    private ResponseEntity<String> askForLink(String email) {
        return http.post().uri("/api/my/link").contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", "198.51.100.240")
                .headers(RegistrationsIT::csrf).body(Map.of("email", email)).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> linkPage(String email) {
        return http.post().uri("/my/link").header("X-Forwarded-For", "198.51.100.241").headers(RegistrationsIT::csrf).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)).retrieve().toEntity(String.class);
    }

    /** The bodies of the new-link mails to an address. */
    private List<String> linkMails(String address) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address) && message.getSubject().startsWith("Je persoonlijke link")) {
                bodies.add(com.icegreen.greenmail.util.GreenMailUtil.getBody(message));
            }
        }
        return bodies;
    }

    @Test
    void forgettingATeacherErasesPersonalDataButKeepsTheCounts() throws Exception {
        String activity = create(heldWorkshop("ISTEM", 5)); // begun: its places stay, anonymously
        String email = "forget-" + activity + "@school.be";
        register(activity, teacher(email));
        String token = personalToken(email);

        JsonNode mine = http.get().uri("/api/my?token={t}", token).retrieve().body(JsonNode.class);
        assertThat(mine.get("email").asString()).isEqualTo(email);
        assertThat(participantDocument(activity).getString("schoolId")).as("the school they named").isNotNull();
        ResponseEntity<String> forgotten = http.post().uri("/api/my/forget?token={t}", token).headers(RegistrationsIT::csrf)
                .retrieve().toEntity(String.class);

        assertThat(forgotten.getStatusCode().value()).isEqualTo(204);
        String teacherId = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();
        assertThat(mongo.getCollection("teachers").find(new org.bson.Document("_id", teacherId)).first().toJson()).doesNotContain(email);
        JsonNode row = ops(activity, "ISTEM").get("registrations").get(0);
        assertThat(row.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(row.get("name").asString()).isEqualTo("(anoniem)");
        assertThat(row.get("anonymous").asBoolean()).isTrue();
        assertThat(http.get().uri("/ops/activities/{id}?lang=en", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class)).as("said in the page's language").contains("(anonymous)").doesNotContain("(anoniem)");
        assertThat(http.get().uri("/api/my?token={t}", token).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(404);
        String registration = row.get("registrationId").asString();
        ResponseEntity<String> cancelled = http.post().uri("/api/my/activities/{a}/registrations/{r}/cancel?token={t}", activity, registration, token)
                .headers(RegistrationsIT::csrf).retrieve().toEntity(String.class);
        assertThat(cancelled.getStatusCode().value()).as("the link of a forgotten teacher cancels nothing").isEqualTo(404);
        assertThat(cancelled.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(participantDocument(activity).containsKey("schoolId")).as("no longer linked to the school they named").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestKafka.records(Topics.REGISTRATIONS,
                v -> v.contains(teacherId) && v.contains(EventCatalog.TEACHER_FORGOTTEN.name())).isEmpty());
    }

    /** The first participant of the activity's first registration, as stored. */
    private org.bson.Document participantDocument(String activity) {
        org.bson.Document stored = mongo.getCollection("activities").find(new org.bson.Document("_id", activity)).first();
        return stored.getList("entries", org.bson.Document.class).get(0).getList("participants", org.bson.Document.class).get(0);
    }

    private void forgetThrough(String token) {
        assertThat(http.post().uri("/api/my/forget?token={t}", token).headers(RegistrationsIT::csrf).retrieve().toEntity(String.class)
                .getStatusCode().value()).isEqualTo(204);
    }

    /** "name:STATUS" of each registration row. */
    private static List<String> nameAndStatus(JsonNode registrations) {
        List<String> rows = new ArrayList<>();
        registrations.forEach(r -> rows.add(r.get("name").asString() + ":" + r.get("status").asString()));
        return rows;
    }

    @Test
    void aForgottenTeacherGivesUpTheirPlaceOnTheWaitingListSoTheNextOneIsPromoted() throws Exception {
        String activity = oneSeatWithTwoWaiting("forgetting", "next");
        String forgetting = "forgetting-" + activity + "@school.be";
        String token = personalToken(forgetting);

        forgetThrough(token);
        String holderRegistration = ops(activity, "ISTEM").get("registrations").get(0).get("registrationId").asString();
        JsonNode after = http.post().uri("/api/ops/activities/{id}/registrations/{r}/cancel", activity, holderRegistration)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().body(JsonNode.class);

        List<String> rows = nameAndStatus(after.get("registrations"));
        assertThat(rows).as("the forgotten teacher's waiting place was given up, so the next one got the free place").containsExactly(
                "Leraar holder-" + activity + "@school.be:CANCELLED", "(anoniem):CANCELLED", "Leraar next-" + activity + "@school.be:CONFIRMED");
        // The mails of one activity go in order: once the next one heard of their place, the given-up place was handled.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(mailsTo("next-" + activity + "@school.be")).anyMatch(subject -> subject.contains("plaats vrijgekomen")));
        assertThat(mailsTo(forgetting)).as("no mail to the teacher who asked to be forgotten").noneMatch(subject -> subject.contains("geannuleerd"));
    }

    @Test
    void aTeacherWhoseForgetIsUnderWayCannotRegisterUntilItIsDone() {
        String activity = create(workshop("ISTEM", 5));
        String email = "forgetting-now-" + activity + "@school.be";
        register(activity, teacher(email));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(email).stream().filter(s -> s.startsWith("Inschrijving bevestigd")).count() == 1);
        org.bson.Document byEmail = new org.bson.Document("emailKey", email);
        // As Registrations.forget marks the teacher first, before giving up their places and erasing their data.
        mongo.getCollection("teachers").updateOne(byEmail, new org.bson.Document("$set", new org.bson.Document("forgettingSince", new java.util.Date())));
        String other = create(workshop("ISTEM", 5));

        ResponseEntity<String> refused = register(other, teacher(email));
        mongo.getCollection("teachers").updateOne(byEmail, new org.bson.Document("$set",
                new org.bson.Document("forgettingSince", java.util.Date.from(java.time.Instant.now().minus(Duration.ofHours(1))))));
        ResponseEntity<String> afterAStoppedForget = register(other, teacher(email));

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).contains("TEACHER_BEING_FORGOTTEN");
        assertThat(afterAStoppedForget.getStatusCode().value()).as("a forget stopped long ago refuses nothing").isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).alias("nor stops the teacher's mail").until(() ->
                mailsTo(email).stream().filter(s -> s.startsWith("Inschrijving bevestigd")).count() == 2);
    }

    @Test
    void aForgottenTeacherGivesUpTheirPlaceInAnActivityStillToComeSoTheFirstWaitingIsPromoted() throws Exception {
        String activity = oneSeatWithTwoWaiting("first", "second");
        String holder = "holder-" + activity + "@school.be";
        String token = personalToken(holder);

        forgetThrough(token);

        List<String> rows = nameAndStatus(ops(activity, "ISTEM").get("registrations"));
        assertThat(rows).as("nobody could check the forgotten teacher in by name: their place went to the first waiting").containsExactly(
                "(anoniem):CANCELLED", "Leraar first-" + activity + "@school.be:CONFIRMED", "Leraar second-" + activity + "@school.be:WAITLISTED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(mailsTo("first-" + activity + "@school.be")).anyMatch(subject -> subject.contains("plaats vrijgekomen")));
        assertThat(mailsTo(holder)).as("no mail to the teacher who asked to be forgotten").noneMatch(subject -> subject.contains("geannuleerd"));
    }

    @Test
    void aTeacherCorrectsTheirDetailsOnlyBehindTheirPersonalLink() throws Exception {
        String activity = create(workshop("ISTEM", 5));
        String email = "details-" + activity + "@school.be";
        register(activity, teacher(email));
        register(create(workshop("ISTEM", 5)), Map.of("name", "Impostor", "email", email, "school", "Elders", "grade", "SECONDARY",
                "consent", true));
        String token = personalToken(email);
        assertThat(http.get().uri("/api/my?token={t}", token).retrieve().body(JsonNode.class).get("name").asString())
                .isEqualTo("Leraar " + email);

        JsonNode corrected = http.put().uri("/api/my/details?token={t}", token).header("X-Forwarded-For", PERSONAL_LINK_CLIENT).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body(Map.of("name", "Lien Maes", "school", "VTI Brugge", "role", " ")).retrieve().body(JsonNode.class);
        ResponseEntity<String> blank = http.put().uri("/api/my/details?token={t}", token).header("X-Forwarded-For", PERSONAL_LINK_CLIENT).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body(Map.of("name", " ", "school", "Elders")).retrieve().toEntity(String.class);
        ResponseEntity<String> injected = http.put().uri("/api/my/details?token={t}", token).header("X-Forwarded-For", PERSONAL_LINK_CLIENT).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body("{\"name\": {\"$gt\": \"\"}}").retrieve().toEntity(String.class);
        ResponseEntity<String> forged = http.put().uri("/api/my/details?token={t}", token + "x").header("X-Forwarded-For", PERSONAL_LINK_CLIENT).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body(Map.of("name", "Forged")).retrieve().toEntity(String.class);

        assertThat(corrected.get("name").asString()).isEqualTo("Lien Maes");
        assertThat(corrected.get("school").asString()).isEqualTo("VTI Brugge");
        assertThat(corrected.get("role").isNull()).isTrue();
        for (ResponseEntity<String> refused : List.of(blank, injected, forged)) {
            assertThat(refused.getStatusCode().is4xxClientError()).as(refused.toString()).isTrue();
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("name").asString()).isEqualTo("Lien Maes");

        // The page's form does the same; a blank name shows a message and changes nothing.
        ResponseEntity<String> page = http.post().uri("/my/details").header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("token=" + token + "&name=Lien+Maes-Peeters&school=&role=leerkracht")
                .retrieve().toEntity(String.class);
        String refusedPage = http.post().uri("/my/details").header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("token=" + token + "&name=+&school=X").retrieve().body(String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(302);
        assertThat(page.getHeaders().getLocation().toString()).contains("updated=true");
        assertThat(refusedPage).contains("id=\"details-problem\"").as("shown again as typed").contains("value=\"X\"");
        assertThat(http.get().uri("/my?token={t}", token).retrieve().toEntity(String.class).getHeaders().getFirst("Referrer-Policy"))
                .as("the link in the address bar never goes to another site as a Referer").isEqualTo("same-origin");
        JsonNode mine = http.get().uri("/api/my?token={t}", token).retrieve().body(JsonNode.class);
        assertThat(mine.get("name").asString()).isEqualTo("Lien Maes-Peeters");
        assertThat(mine.get("school").isNull()).isTrue();
        assertThat(mine.get("role").asString()).isEqualTo("leerkracht");
    }

    @Test
    void aRegistrationEventThatReachesKafkaLateIsStillMailed() throws Exception {
        String activity = create(workshop("ISTEM", 5));
        String email = "late-mail-" + activity + "@school.be";
        register(activity, teacher(email));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(email).size() == 1);
        String confirmed = TestKafka.records(Topics.REGISTRATIONS, v -> v.contains(activity)
                && v.contains(EventCatalog.REGISTRATION_CONFIRMED.name())).get(0).value();

        // The same kind of event, registered three days ago, reaching Kafka only now (as after a long Kafka outage).
        var event = (tools.jackson.databind.node.ObjectNode) new tools.jackson.databind.json.JsonMapper().readTree(confirmed);
        event.put("id", UUID.randomUUID().toString()).put("time", java.time.Instant.now().minus(Duration.ofDays(3)).toString());
        TestKafka.send(Topics.REGISTRATIONS, activity, event.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 2);
    }

    @Test
    void teacherPagesSpeakTheReadersLanguageKeepTheirAddressWhenSwitchingAndAskBeforeErasing() throws Exception {
        Registered teacher = registeredWithLink("pages");
        String activity = teacher.activity();
        String email = teacher.email();
        String token = teacher.token();

        ResponseEntity<String> badLink = page("/my?token=not-a-link");
        ResponseEntity<String> unknown = page("/activities/no-such-activity");
        String mine = page("/my?token=" + token).getBody();
        String unconfirmed = http.post().uri("/my/forget").header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("token=" + token).retrieve().body(String.class);
        String refused = http.post().uri("/my/details").header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf)
                .header(HttpHeaders.REFERER, "http://localhost:8080/registrations/my?token=" + token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("token=" + token + "&name=").retrieve().body(String.class);

        assertThat(badLink.getStatusCode().value()).isEqualTo(200);
        assertThat(badLink.getBody()).contains("id=\"invalid\"");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(unknown.getBody()).contains("id=\"problem\"").contains("bestaat niet");
        assertThat(mine).contains("href=\"?token=" + token + "&amp;lang=en\"");
        assertThat(unconfirmed).contains("id=\"forget-unconfirmed\"");
        assertThat(http.get().uri("/api/my?token={t}", token).retrieve().toEntity(String.class).getStatusCode().value())
                .as("not erased without the box ticked").isEqualTo(200);
        assertThat(refused).contains("href=\"/registrations/my?token=" + token + "&amp;lang=en\"");
        assertThat(page("/activities?month=maart&network=ISTEM").getBody()).as("a month typed wrongly is said, not ignored")
                .contains("id=\"month-problem\"");
    }

    @Test
    void aProblemPageLeadsBackToWhereTheReaderWas() throws Exception {
        Registered teacher = registeredWithLink("back");
        String activity = teacher.activity();
        String registration = ops(activity, "ISTEM").get("registrations").get(0).get("registrationId").asString();
        http.post().uri("/api/ops/activities/{id}/cancel", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toBodilessEntity();

        ResponseEntity<String> mine = http.post().uri("/my/activities/{a}/registrations/{r}/cancel", activity, registration)
                .header("X-Forwarded-For", PERSONAL_LINK_CLIENT).headers(RegistrationsIT::csrf).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("token=" + teacher.token()).retrieve().toEntity(String.class);
        ResponseEntity<String> headcount = http.post().uri("/ops/activities/{id}/headcount", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .headers(RegistrationsIT::csrf).accept(MediaType.TEXT_HTML).contentType(MediaType.APPLICATION_FORM_URLENCODED).body("count=5")
                .retrieve().toEntity(String.class);

        assertThat(mine.getStatusCode().value()).isEqualTo(409);
        assertThat(mine.getBody()).contains("id=\"problem\"").contains("href=\"/my?token=" + teacher.token() + "\"").contains("Terug naar mijn inschrijvingen");
        assertThat(headcount.getStatusCode().value()).isEqualTo(409);
        assertThat(headcount.getBody()).contains("href=\"/ops/activities/" + activity + "\"").contains("Terug naar de activiteit");
    }

    private ResponseEntity<String> page(String uri) {
        return http.get().uri(uri).accept(MediaType.TEXT_HTML).retrieve().toEntity(String.class);
    }

    /** A teacher registered for a fresh workshop, with the token of the personal link their confirmation mail brought. */
    private record Registered(String activity, String email, String token) {
    }

    private Registered registeredWithLink(String prefix) throws Exception {
        String activity = create(workshop("ISTEM", 5));
        String email = prefix + "-" + activity + "@school.be";
        register(activity, teacher(email));
        return new Registered(activity, email, personalToken(email));
    }

    private String personalToken(String email) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> !mailsTo(email).isEmpty());
        String link = mailBody(email).lines().filter(l -> l.contains("/my?token=")).findFirst().orElseThrow();
        return link.substring(link.indexOf("token=") + 6).strip();
    }

    private String mailBody(String address) throws Exception {
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                return com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    @Test
    void publicRegistrationsAreRateLimitedPerClientWithRetryAfter() {
        String activity = create(workshop("ISTEM", 500));
        ResponseEntity<String> last = null;
        for (int i = 0; i < 40 && (last == null || last.getStatusCode().value() != 429); i++) {
            last = http.post().uri("/api/activities/{id}/registrations", activity).contentType(MediaType.APPLICATION_JSON)
                    .headers(RegistrationsIT::csrf).header("X-Forwarded-For", "203.0.113.77")
                    .body(teacher("burst-" + i + "-" + activity + "@school.be")).retrieve().toEntity(String.class);
        }
        assertThat(last.getStatusCode().value()).isEqualTo(429);
        assertThat(last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(last.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aFormRefusedBeforeItIsReadAnswersAPageTheReaderUnderstands() {
        String activity = create(workshop("ISTEM", 500));
        String form = "name=Leraar&email=page-refused-" + activity + "@school.be&grade=SECONDARY&consent=true";
        ResponseEntity<String> expired = http.post().uri("/activities/{id}/register", activity).accept(MediaType.TEXT_HTML)
                .header("X-Forwarded-For", "203.0.113.90").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().toEntity(String.class);
        ResponseEntity<String> last = null;
        for (int i = 0; i < 40 && (last == null || last.getStatusCode().value() != 429); i++) {
            last = http.post().uri("/activities/{id}/register", activity).accept(MediaType.TEXT_HTML).headers(RegistrationsIT::csrf)
                    .header("X-Forwarded-For", "203.0.113.91").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().toEntity(String.class);
        }

        assertThat(expired.getStatusCode().value()).isEqualTo(403);
        assertThat(expired.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(expired.getBody()).contains("Het formulier is verlopen").contains("lang=\"en\"").doesNotContain("Meld je aan");
        assertThat(last.getStatusCode().value()).isEqualTo(429);
        assertThat(last.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        String seconds = last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(last.getBody()).contains("Even geduld").contains("Probeer het over " + seconds + " seconden opnieuw");
    }

    @Test
    void theOperationsPagesListCheckInAndCount() {
        String activity = create(heldWorkshop("ISTEM", 5));
        register(activity, teacher("page-" + activity + "@school.be"));
        String teacherId = ops(activity, "ISTEM").get("registrations").get(0).get("teacherId").asString();

        String list = http.get().uri("/ops/activities").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().body(String.class);
        String page = http.get().uri("/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class);
        ResponseEntity<String> saved = http.post().uri("/ops/activities/{id}/attendance", activity)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("present-s1=" + teacherId).retrieve().toEntity(String.class);
        ResponseEntity<String> anonymous = http.get().uri("/ops/activities").retrieve().toEntity(String.class);

        assertThat(list).contains("Activiteiten van je netwerk").contains(activity);
        assertThat(page).contains("page-" + activity + "@school.be").contains("present-s1").contains("Bevestigd");
        String registrationId = ops(activity, "ISTEM").get("registrations").get(0).get("registrationId").asString();
        assertThat(page).contains("id=\"cancel-" + registrationId + "\"");
        assertThat(saved.getStatusCode().value()).isEqualTo(302);
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("attendedSessions").get(0).asString()).isEqualTo("s1");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);

        // A page opened before that check-in, saved with the box as it showed it (not ticked), undoes nothing ...
        saveAttendance(activity, "other=1");
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("attendedSessions")).hasSize(1);
        // ... while unticking a box that was ticked marks the teacher absent.
        saveAttendance(activity, "was-s1=" + teacherId);
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("attendedSessions")).isEmpty();
        assertThat(page).doesNotContain("was-s1");
        // That absence is a no-show, told apart from nothing recorded on the page, in the API and in the export.
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("missedSessions").get(0).asString()).isEqualTo("s1");
        assertThat(http.get().uri("/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class)).contains(">afwezig</span>").contains("name=\"restAbsent\"");
        assertThat(http.get().uri("/api/ops/activities/{id}/participants.csv", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class)).contains(";absent");

        // The row's cancel button sends the same form to the registration's cancel address: the boxes ticked meanwhile
        // (another teacher's) are recorded as Save would, the cancelled teacher's own tick changes nothing.
        register(activity, teacher("page2-" + activity + "@school.be"));
        String other = ops(activity, "ISTEM").get("registrations").get(1).get("teacherId").asString();
        assertThat(http.post().uri("/ops/activities/{id}/registrations/{r}/cancel", activity, registrationId)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("present-s1=" + teacherId + "&present-s1=" + other).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(302);
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(ops(activity, "ISTEM").get("registrations").get(0).get("attendedSessions")).isEmpty();
        assertThat(ops(activity, "ISTEM").get("registrations").get(1).get("attendedSessions").get(0).asString()).as("no tick lost").isEqualTo("s1");
        assertThat(http.get().uri("/ops/activities/{id}", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class)).doesNotContain("id=\"cancel-" + registrationId + "\"").contains("Geannuleerd");
    }

    /** A form of the planning page sent by an ISTEM coordinator; answers the response. */
    private ResponseEntity<String> planPage(String path, String form) {
        return http.post().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class);
    }

    @Test
    void theOperationsTeamPlansChangesPublishesAndCancelsAnActivityOnItsPages() {
        create(workshop("ISTEM", 5)); // another activity of KU Leuven (partner id kuleuven), whatever ran before
        String title = "Gepland " + UUID.randomUUID().toString().substring(0, 6);
        String day = SESSION_DAY.toString();
        String form = "network=ISTEM&title=" + title.replace(' ', '+') + "&type=WORKSHOP&partner=KU+Leuven&location=Campus+Kulak"
                + "&city=Kortrijk&capacity=12&targetGroups=secundair+2e+graad&_online=on&_publish=on"
                + "&sessions[0].date=" + day + "&sessions[0].start=13:30&sessions[0].end=16:30&sessions[1].date=&sessions[2].date=";

        String page = http.get().uri("/ops/activities/new").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class);
        ResponseEntity<String> missing = planPage("/ops/activities/new", "network=ISTEM&type=WORKSHOP&_online=on&capacity=twaalf");
        ResponseEntity<String> created = planPage("/ops/activities/new", form);

        assertThat(page).contains("Nieuwe activiteit").contains("name=\"sessions[7].date\"").contains("<option value=\"ISTEM\"")
                .as("a school trajectory's composition rule").contains("name=\"bothGrades\"");
        assertThat(http.get().uri("/ops/activities/new").header(HttpHeaders.AUTHORIZATION, TestTokens.admin()).retrieve().body(String.class))
                .as("an administrator may plan for a network without activities yet").contains("list=\"known-networks\"");
        assertThat(missing.getStatusCode().value()).as("the form again, with what is missing").isEqualTo(200);
        assertThat(missing.getBody()).contains("id=\"problems\"").contains("href=\"#title\"").contains("Geef minstens één sessie")
                .as("a number that is none: said once, on its field").contains("href=\"#capacity\"")
                .contains("<title>Fout: ");
        assertThat(created.getStatusCode().value()).isEqualTo(302);
        String id = created.getHeaders().getLocation().getPath().replaceAll(".*/", "");
        JsonNode planned = ops(id, "ISTEM").get("activity");
        assertThat(planned.get("title").asString()).isEqualTo(title);
        assertThat(planned.get("status").asString()).as("a draft: publish was not ticked").isEqualTo("DRAFT");
        assertThat(planned.get("sessions").get(0).get("start").asString()).startsWith("13:30");
        assertThat(mongo.getCollection("activities").find(new org.bson.Document("_id", id)).first().get("partner", org.bson.Document.class)
                .toJson()).as("the partner of the other activities, by its id").contains("\"kuleuven\"");

        // Changed: a second session added, the first keeps its id.
        String edit = http.get().uri("/ops/activities/{id}/edit", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class);
        assertThat(edit).contains("value=\"" + title + "\"").contains("value=\"s1\"");
        ResponseEntity<String> changed = planPage("/ops/activities/" + id + "/edit", form.replace("sessions[1].date=",
                "sessions[0].id=s1&sessions[1].date=" + SESSION_DAY.plusDays(7)).replace("capacity=12", "capacity=15"));
        assertThat(changed.getStatusCode().value()).isEqualTo(302);
        planned = ops(id, "ISTEM").get("activity");
        assertThat(planned.get("sessions")).hasSize(2);
        assertThat(planned.get("sessions").get(0).get("id").asString()).isEqualTo("s1");
        assertThat(planned.get("capacity").asInt()).isEqualTo(15);

        assertThat(planPage("/ops/activities/" + id + "/publish", "").getStatusCode().value()).isEqualTo(302);
        assertThat(ops(id, "ISTEM").get("activity").get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(http.get().uri("/ops/activities/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().body(String.class)).contains("id=\"cancel-activity\"").contains("data-confirm=").doesNotContain("id=\"publish\"");
        assertThat(planPage("/ops/activities/" + id + "/cancel-activity", "").getStatusCode().value()).isEqualTo(302);
        assertThat(ops(id, "ISTEM").get("activity").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(http.post().uri("/ops/activities/new").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .accept(MediaType.TEXT_HTML).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class)
                .getStatusCode().value()).as("another network's team plans nothing for ISTEM").isEqualTo(403);
    }

    @Test
    void aPageFormARuleRefusesAnswersWithAPageThatNamesTheRule() {
        String activity = create(workshop("ISTEM", 5));
        http.post().uri("/api/ops/activities/{id}/cancel", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .retrieve().toBodilessEntity();

        ResponseEntity<String> refused = http.post().uri("/ops/activities/{id}/headcount", activity)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("count=12").retrieve().toEntity(String.class);
        ResponseEntity<String> unknown = http.get().uri("/ops/activities/{id}", "no-such-activity")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(refused.getBody()).contains("Deze activiteit werd geannuleerd.");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    }

    private void saveAttendance(String activity, String form) {
        assertThat(http.post().uri("/ops/activities/{id}/attendance", activity).header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class).getStatusCode().value())
                .isEqualTo(302);
    }

    @Test
    void publishesAnOpenApiDocument() {
        String api = http.get().uri("/v3/api-docs").retrieve().body(String.class);

        assertThat(api).contains("/api/activities/{id}/registrations").contains("/api/ops/activities");
    }
}
