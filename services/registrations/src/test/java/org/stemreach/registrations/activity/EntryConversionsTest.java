package org.stemreach.registrations.activity;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemreach.registrations.activity.Activity.Registrant.team;
import static org.stemreach.registrations.activity.Activity.Registrant.teacher;

/** The hand-written registration documents are exactly what the reflective mapping wrote before, both ways. */
class EntryConversionsTest {

    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    /** After every session of the builder's activities: participation can be recorded. */
    private static final Instant HELD = Instant.parse("2026-12-31T12:00:00Z");

    private final MappingMongoConverter reflective = converter(new MongoCustomConversions(List.of()));
    private final MappingMongoConverter handWritten = converter(MongoCustomConversions.create(c -> c.registerConverters(EntryConversions.all())));

    private static MappingMongoConverter converter(MongoCustomConversions conversions) {
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }

    @Test
    void individualRegistrationsWithAWaitingListPromotionCancellationAndAttendance() {
        Activity activity = ActivityBuilder.workshop().seats(2).build();
        Entry first = activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.register(teacher("b", Grade.GRADE_3, "school-of-b"), NOW.plusSeconds(1));
        activity.register(teacher("c", Grade.SECONDARY), NOW.plusSeconds(2));
        activity.register(teacher("d", Grade.SECONDARY), NOW.plusSeconds(3));
        activity.cancelRegistration(first.id(), NOW.plusSeconds(60));
        activity.recordAttendance("s1", List.of("b", "c"), true, HELD);
        activity.recordAttendance("s1", List.of("c"), false, HELD);
        activity.drainFacts();

        assertSameBothWays(activity);
    }

    @Test
    void aDocumentOfAnEarlierVersionHasNoNoShows() {
        Activity activity = ActivityBuilder.workshop().seats(2).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.recordAttendance("s1", List.of("a"), true, HELD);
        activity.drainFacts();
        Document stored = new Document();
        handWritten.write(activity, stored);
        stored.getList("entries", Document.class).forEach(entry ->
                entry.getList("participants", Document.class).forEach(participant -> participant.remove("missed")));

        Participant read = handWritten.read(Activity.class, stored).entries().get(0).participants().get(0);

        assertThat(read.attended()).containsExactly("s1");
        assertThat(read.missed()).isEmpty();
    }

    @Test
    void schoolTeams() {
        Activity activity = ActivityBuilder.basicTrajectory(1).build();
        activity.register(team("school-1", List.of(new Participant("t1", Grade.GRADE_1), new Participant("t2", Grade.GRADE_5))), NOW);
        activity.register(team("school-2", List.of(new Participant("t3", Grade.PRESCHOOL), new Participant("t4", Grade.GRADE_4))), NOW);
        activity.drainFacts();

        assertSameBothWays(activity);
    }

    @Test
    void aRegistrationIsConvertedAgainOnlyWhenItChanged() {
        Activity activity = ActivityBuilder.workshop().seats(2).build();
        String first = activity.register(teacher("a", Grade.SECONDARY), NOW).id();
        activity.register(teacher("b", Grade.GRADE_3), NOW.plusSeconds(1));
        activity.register(teacher("c", Grade.SECONDARY), NOW.plusSeconds(2));
        activity.drainFacts();
        Document kept = new Document();
        handWritten.write(activity, kept);

        // Each change starts from the document the one before wrote, as the service's changes do.
        List<java.util.function.Consumer<Activity>> changes = List.of(
                a -> a.recordAttendance("s1", List.of("b"), true, HELD),
                a -> a.cancelRegistration(first, NOW.plusSeconds(60)),          // promotes c
                a -> a.recordAttendance("s1", List.of("c", "b"), true, HELD),
                a -> a.recordAttendance("s1", List.of("b"), false, HELD),
                a -> a.register(teacher("d", Grade.SECONDARY), NOW.plusSeconds(90)));
        for (var change : changes) {
            Activity read = handWritten.read(Activity.class, kept);
            change.accept(read);
            read.drainFacts();
            Document written = new Document();
            handWritten.write(read, written);
            Document fromScratch = new Document();
            reflective.write(read, fromScratch);
            assertThat(written).isEqualTo(fromScratch);
            List<Document> before = kept.getList("entries", Document.class);
            List<Document> after = written.getList("entries", Document.class);
            for (int i = 0; i < before.size(); i++) {
                // An unchanged registration is its document as read (the very instance); a changed one a new one.
                if (after.get(i).equals(before.get(i))) {
                    assertThat(after.get(i)).isSameAs(before.get(i));
                } else {
                    assertThat(after.get(i)).isNotSameAs(before.get(i));
                }
            }
            kept = written;
        }
        assertThat(handWritten.read(Activity.class, kept).entries()).extracting(Entry::status)
                .containsExactly(EntryStatus.CANCELLED, EntryStatus.CONFIRMED, EntryStatus.CONFIRMED, EntryStatus.WAITLISTED);
    }

    private void assertSameBothWays(Activity activity) {
        Document before = new Document();
        reflective.write(activity, before);
        Document now = new Document();
        handWritten.write(activity, now);

        assertThat(before.getList("entries", Document.class)).as("the case has registrations").hasSizeGreaterThan(1);
        assertThat(now).isEqualTo(before);

        Activity read = handWritten.read(Activity.class, before);
        Document again = new Document();
        reflective.write(read, again);
        assertThat(again).isEqualTo(before);
        assertThat(read.entries().stream().flatMap(entry -> entry.participants().stream()).map(Participant::schoolId).toList())
                .containsExactlyElementsOf(activity.entries().stream().flatMap(entry -> entry.participants().stream()).map(Participant::schoolId).toList());
        assertThat(read.entries()).extracting(Entry::id, Entry::status, Entry::registeredAt, Entry::promotedAt, Entry::cancelledAt)
                .containsExactlyElementsOf(activity.entries().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.status(), e.registeredAt(), e.promotedAt(), e.cancelledAt()))
                        .toList());
    }
}
