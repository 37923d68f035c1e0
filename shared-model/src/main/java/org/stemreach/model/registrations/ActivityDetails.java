package org.stemreach.model.registrations;

import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;
import org.stemreach.model.activity.ActivityCategory;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * An activity as planned: carried by activity-scheduled and activity-changed events. The category decides
 * how the activity counts; it counts in the reporting period of its first session.
 *
 * @param location  null when the activity is online only
 * @param programme the teacher-training programme, for pre-service sessions
 * @param revision  increases with every change, so consumers keep the latest
 */
public record ActivityDetails(
        ActivityId activityId,
        NetworkId network,
        Partner partner,
        Location location,
        boolean online,
        String title,
        String type,
        ActivityCategory category,
        List<String> targetGroups,
        List<SessionSlot> sessions,
        PreServiceProgramme programme,
        long revision) {

    public ActivityDetails {
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public LocalDate firstSessionDate() {
        return sessions.stream().map(SessionSlot::date).min(Comparator.naturalOrder()).orElse(null);
    }
}
