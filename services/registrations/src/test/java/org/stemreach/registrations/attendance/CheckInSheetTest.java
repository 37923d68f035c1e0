package org.stemreach.registrations.attendance;

import org.junit.jupiter.api.Test;
import org.stemreach.model.registrations.SessionSlot;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityBuilder;
import org.stemreach.registrations.activity.Grade;
import org.stemreach.registrations.activity.Participant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemreach.registrations.activity.Activity.Registrant.teacher;

/** The check-in page's form, as a coordinator saves it: what changed on the page, and the no-shows of sessions held. */
class CheckInSheetTest {

    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    private static final LocalDate HELD = LocalDate.of(2026, 3, 11);
    private static final LocalDate LATER = LocalDate.of(2026, 3, 18);
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    /** After the first session (20:00 on HELD), before the second. */
    private static final ZonedDateTime AFTER_FIRST = HELD.atTime(21, 0).atZone(BRUSSELS);
    private static final ZonedDateTime AFTER_BOTH = LATER.atTime(21, 0).atZone(BRUSSELS);

    /** Two sessions (s1 held, s2 later), three confirmed teachers and one waiting. */
    private final Activity activity = ActivityBuilder.workshop().seats(3)
            .sessions(new SessionSlot(null, HELD, LocalTime.of(20, 0), null), new SessionSlot(null, LATER, LocalTime.of(20, 0), null)).build();

    CheckInSheetTest() {
        for (String teacher : List.of("a", "b", "c", "waiting")) {
            activity.register(teacher(teacher, Grade.SECONDARY), NOW);
        }
        activity.drainFacts();
    }

    @Test
    void ticksAndUntickedChecksAreRecordedAndBoxesLeftAsTheyWereChangeNothing() {
        activity.recordAttendance("s1", List.of("b"), true, AFTER_FIRST.toInstant());

        int changed = new CheckInSheet(Map.of("present-s1", List.of("a"), "was-s1", List.of("b")), false).applyTo(activity, AFTER_FIRST);

        assertThat(changed).isEqualTo(2);
        assertThat(participant("a").attended()).containsExactly("s1");
        assertThat(participant("b").missed()).as("unticked after it was ticked").containsExactly("s1");
        assertThat(participant("c").hasAttendance("s1")).as("left as it was").isFalse();
    }

    @Test
    void aSessionStillToComeIsPassedOverWhateverTheFormSaysOfIt() {
        // Boxes of a session to come are disabled on the page: a form that names them anyway changes nothing, and fails nothing.
        int changed = new CheckInSheet(Map.of("present-s2", List.of("a"), "was-s2", List.of("b"), "present-s1", List.of("c")), false)
                .applyTo(activity, AFTER_FIRST);

        assertThat(changed).isEqualTo(1);
        assertThat(participant("c").attended()).containsExactly("s1");
        assertThat(participant("a").hasAttendance("s2")).isFalse();
        assertThat(participant("b").hasAttendance("s2")).isFalse();
    }

    @Test
    void theRestAbsentMarksWhoIsNotTickedForTheSessionsHeldSoFar() {
        int changed = new CheckInSheet(Map.of("present-s1", List.of("a")), true).applyTo(activity, AFTER_FIRST);

        assertThat(changed).isEqualTo(3);
        assertThat(participant("a").attended()).containsExactly("s1");
        assertThat(participant("b").missed()).containsExactly("s1");
        assertThat(participant("c").missed()).containsExactly("s1");
        assertThat(participant("waiting").hasAttendance("s1")).as("not a participant yet").isFalse();
        assertThat(participant("b").hasAttendance("s2")).as("a session still to come").isFalse();
    }

    @Test
    void theRestAbsentKeepsACheckInRecordedMeanwhileOnAnotherPage() {
        // The page was shown with nothing ticked; someone else checked c in before it was saved.
        activity.recordAttendance("s1", List.of("c"), true, AFTER_FIRST.toInstant());

        new CheckInSheet(Map.of("present-s1", List.of("a")), true).applyTo(activity, AFTER_BOTH);

        assertThat(participant("c").attended()).containsExactly("s1");
        assertThat(participant("c").missed()).containsExactly("s2");
        assertThat(participant("b").missed()).containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void aSessionNotYetBegunAndOneBeforeATeachersPlaceGetNoNoShows() {
        // c cancels after the first session; the waiting teacher gets the place.
        String cRegistration = activity.entries().get(2).id();
        activity.cancelRegistration(cRegistration, HELD.plusDays(1).atTime(9, 0).atZone(BRUSSELS).toInstant());

        new CheckInSheet(Map.of(), true).applyTo(activity, HELD.atTime(19, 59).atZone(BRUSSELS));
        assertThat(participant("a").hasAttendance("s1")).as("the session starts at 20:00").isFalse();

        new CheckInSheet(Map.of(), true).applyTo(activity, AFTER_BOTH);
        assertThat(participant("a").missed()).containsExactlyInAnyOrder("s1", "s2");
        assertThat(participant("waiting").missed()).as("promoted after the first session's day").containsExactly("s2");
    }

    private Participant participant(String teacherId) {
        return activity.entries().stream().flatMap(entry -> entry.participants().stream())
                .filter(participant -> participant.teacherId().equals(teacherId)).findFirst().orElseThrow();
    }
}
