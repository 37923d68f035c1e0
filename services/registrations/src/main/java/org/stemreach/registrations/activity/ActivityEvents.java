package org.stemreach.registrations.activity;

import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.OutboxEvent;
import org.stemreach.model.ActivityId;
import org.stemreach.model.SchoolId;
import org.stemreach.model.TeacherId;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventType;
import org.stemreach.model.registrations.ActivityCancelled;
import org.stemreach.model.registrations.AttendanceRecorded;
import org.stemreach.model.registrations.HeadcountRecorded;
import org.stemreach.model.registrations.RegistrationChanged;

import java.time.Instant;

/** Turns an activity's facts into the events of the contract (opaque ids only), keyed by the activity id. */
final class ActivityEvents {

    private ActivityEvents() {
    }

    static OutboxEvent toEvent(Activity activity, ActivityFact fact, Outbox outbox, Instant now) {
        String key = activity.id();
        if (fact instanceof ActivityFact.Scheduled) {
            return outbox.event(EventCatalog.ACTIVITY_SCHEDULED, "activity", key, activity.details(), now);
        }
        if (fact instanceof ActivityFact.Changed) {
            return outbox.event(EventCatalog.ACTIVITY_CHANGED, "activity", key, activity.details(), now);
        }
        if (fact instanceof ActivityFact.Cancelled) {
            return outbox.event(EventCatalog.ACTIVITY_CANCELLED, "activity", key,
                    new ActivityCancelled(ActivityId.of(key), activity.networkId(), now, activity.revision()), now);
        }
        if (fact instanceof ActivityFact.Confirmed confirmed) {
            return registration(EventCatalog.REGISTRATION_CONFIRMED, activity, confirmed.entry(), null, outbox, now);
        }
        if (fact instanceof ActivityFact.Waitlisted waitlisted) {
            return registration(EventCatalog.REGISTRATION_WAITLISTED, activity, waitlisted.entry(), waitlisted.position(), outbox, now);
        }
        if (fact instanceof ActivityFact.Promoted promoted) {
            return registration(EventCatalog.REGISTRATION_PROMOTED, activity, promoted.entry(), null, outbox, now);
        }
        if (fact instanceof ActivityFact.RegistrationCancelled cancelled) {
            return registration(EventCatalog.REGISTRATION_CANCELLED, activity, cancelled.entry(), null, outbox, now);
        }
        if (fact instanceof ActivityFact.Attendance attendance) {
            return outbox.event(EventCatalog.ATTENDANCE_RECORDED, "activity", key,
                    new AttendanceRecorded(ActivityId.of(key), activity.networkId(), attendance.sessionId(),
                            TeacherId.of(attendance.participant().teacherId()), school(attendance.entry(), attendance.participant()),
                            attendance.present(), now, activity.nextVersion()), now);
        }
        ActivityFact.Headcount headcount = (ActivityFact.Headcount) fact;
        return outbox.event(EventCatalog.HEADCOUNT_RECORDED, "activity", key,
                new HeadcountRecorded(ActivityId.of(key), activity.networkId(), headcount.count(), headcount.approximate(), now,
                        activity.revision()), now);
    }

    private static OutboxEvent registration(EventType<RegistrationChanged> type, Activity activity, Entry entry, Integer position,
                                            Outbox outbox, Instant now) {
        return outbox.event(type, "activity", activity.id(), new RegistrationChanged(ActivityId.of(activity.id()), activity.networkId(),
                entry.id(), school(entry), entry.teacherIds().stream().map(TeacherId::of).toList(), position, now), now);
    }

    /** A registration's school: a school team's (a teacher alone has none here, so consumers can tell teams apart). */
    private static SchoolId school(Entry entry) {
        return entry.schoolId() == null ? null : SchoolId.of(entry.schoolId());
    }

    /** The attendee's school: their team's, or the one they named registering alone (schools reached per trajectory). */
    private static SchoolId school(Entry entry, Participant participant) {
        String id = entry.schoolId() != null ? entry.schoolId() : participant.schoolId();
        return id == null ? null : SchoolId.of(id);
    }
}
