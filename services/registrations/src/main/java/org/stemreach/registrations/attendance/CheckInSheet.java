package org.stemreach.registrations.attendance;

import org.stemreach.model.registrations.SessionSlot;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.Entry;
import org.stemreach.registrations.activity.EntryStatus;
import org.stemreach.registrations.activity.Participant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check-in page as a coordinator saved it: per session, the teachers ticked ({@code present-<session>}) and those
 * that were ticked when the page was shown ({@code was-<session>}). What changed on the page is recorded: a box ticked
 * that was not marks the teacher present, a box unticked that was ticked marks them absent. Boxes left as they were
 * change nothing, so a page opened earlier does not undo what someone else recorded meanwhile.
 *
 * <p>With {@code restAbsent}, every confirmed teacher left unticked who has no attendance recorded for a session that
 * has begun (by {@code now}) is marked absent: the no-shows. Someone checked in meanwhile on another page keeps their
 * check-in, and a teacher who got their place after a session's day (registered late, or promoted from the waiting list)
 * is not absent from it.
 */
public record CheckInSheet(Map<String, List<String>> form, boolean restAbsent) {

    /** Records the changes on the activity, {@code now} in the activity's time zone; answers how many marks changed. */
    public int applyTo(Activity activity, ZonedDateTime now) {
        Map<Participant, LocalDate> confirmedOn = new LinkedHashMap<>();
        for (Entry entry : activity.entries()) {
            if (entry.status() == EntryStatus.CONFIRMED) {
                Instant placed = entry.promotedAt() != null ? entry.promotedAt() : entry.registeredAt();
                LocalDate day = placed == null ? LocalDate.MIN : placed.atZone(now.getZone()).toLocalDate();
                entry.participants().forEach(participant -> confirmedOn.put(participant, day));
            }
        }
        int changed = 0;
        for (SessionSlot session : activity.sessions()) {
            if (session.date().isAfter(now.toLocalDate())) {
                continue; // its boxes cannot be ticked yet (participation is recorded from a session's day on)
            }
            Set<String> ticked = Set.copyOf(form.getOrDefault("present-" + session.id(), List.of()));
            Set<String> was = Set.copyOf(form.getOrDefault("was-" + session.id(), List.of()));
            boolean begun = !session.date().atTime(session.start() == null ? LocalTime.MIN : session.start()).isAfter(now.toLocalDateTime());
            List<String> here = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            for (var confirmed : confirmedOn.entrySet()) {
                Participant participant = confirmed.getKey();
                String teacher = participant.teacherId();
                if (ticked.contains(teacher) && !was.contains(teacher)) {
                    here.add(teacher);
                } else if (!ticked.contains(teacher) && was.contains(teacher)) {
                    absent.add(teacher);
                } else if (restAbsent && begun && !session.date().isBefore(confirmed.getValue()) && !ticked.contains(teacher)
                        && !participant.hasAttendance(session.id())) {
                    absent.add(teacher);
                }
            }
            if (!here.isEmpty()) {
                changed += activity.recordAttendance(session.id(), here, true, now.toInstant());
            }
            if (!absent.isEmpty()) {
                changed += activity.recordAttendance(session.id(), absent, false, now.toInstant());
            }
        }
        return changed;
    }
}
