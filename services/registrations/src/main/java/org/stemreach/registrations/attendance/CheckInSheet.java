package org.stemreach.registrations.attendance;

import org.stemreach.model.registrations.SessionSlot;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.Entry;
import org.stemreach.registrations.activity.EntryStatus;
import org.stemreach.registrations.activity.Participant;

import java.time.LocalDate;
import java.util.ArrayList;
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
 * has taken place (up to {@code today}) is marked absent: the no-shows. Someone checked in meanwhile on another page
 * keeps their check-in.
 */
public record CheckInSheet(Map<String, List<String>> form, boolean restAbsent) {

    /** Records the changes on the activity; answers how many marks changed. */
    public int applyTo(Activity activity, LocalDate today) {
        List<Participant> confirmed = new ArrayList<>();
        for (Entry entry : activity.entries()) {
            if (entry.status() == EntryStatus.CONFIRMED) {
                confirmed.addAll(entry.participants());
            }
        }
        int changed = 0;
        for (SessionSlot session : activity.sessions()) {
            Set<String> ticked = Set.copyOf(form.getOrDefault("present-" + session.id(), List.of()));
            Set<String> was = Set.copyOf(form.getOrDefault("was-" + session.id(), List.of()));
            boolean held = !session.date().isAfter(today);
            List<String> here = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            for (Participant participant : confirmed) {
                String teacher = participant.teacherId();
                if (ticked.contains(teacher) && !was.contains(teacher)) {
                    here.add(teacher);
                } else if (!ticked.contains(teacher) && was.contains(teacher)) {
                    absent.add(teacher);
                } else if (restAbsent && held && !ticked.contains(teacher) && !participant.hasAttendance(session.id())) {
                    absent.add(teacher);
                }
            }
            if (!here.isEmpty()) {
                changed += activity.recordAttendance(session.id(), here, true);
            }
            if (!absent.isEmpty()) {
                changed += activity.recordAttendance(session.id(), absent, false);
            }
        }
        return changed;
    }
}
