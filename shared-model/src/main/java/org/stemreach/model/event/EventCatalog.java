package org.stemreach.model.event;

import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.downloads.ExternalFigureReported;
import org.stemreach.model.downloads.ProjectPublished;
import org.stemreach.model.downloads.ProjectWithdrawn;
import org.stemreach.model.registrations.ActivityCancelled;
import org.stemreach.model.registrations.ActivityDetails;
import org.stemreach.model.registrations.AttendanceRecorded;
import org.stemreach.model.registrations.HeadcountRecorded;
import org.stemreach.model.registrations.RegistrationChanged;
import org.stemreach.model.registrations.TeacherForgotten;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type that crosses a service boundary. Consumers skip (and count) types they do not know; analytics keeps
 * those of a source it knows (a topic of {@link Topics}, the prefix of its types) until a version that knows them runs.
 */
public final class EventCatalog {

    /** Classpath location of the JSON Schema every record value on a stemreach.* topic fits (CloudEvents 1.0, structured mode). */
    public static final String ENVELOPE_SCHEMA = "/schemas/cloudevent-envelope.schema.json";

    public static final EventType<ProjectPublished> PROJECT_PUBLISHED =
            new EventType<>("stemreach.downloads.project-published.v1", ProjectPublished.class, Topics.DOWNLOADS);
    public static final EventType<ProjectPublished> PROJECT_UPDATED =
            new EventType<>("stemreach.downloads.project-updated.v1", ProjectPublished.class, Topics.DOWNLOADS);
    public static final EventType<ProjectWithdrawn> PROJECT_WITHDRAWN =
            new EventType<>("stemreach.downloads.project-withdrawn.v1", ProjectWithdrawn.class, Topics.DOWNLOADS);
    public static final EventType<ExternalFigureReported> EXTERNAL_FIGURE_REPORTED =
            new EventType<>("stemreach.downloads.external-figure-reported.v1", ExternalFigureReported.class, Topics.DOWNLOADS);
    public static final EventType<DownloadRecorded> DOWNLOAD_RECORDED =
            new EventType<>("stemreach.downloads.download-recorded.v1", DownloadRecorded.class, Topics.DOWNLOADS);

    public static final EventType<ActivityDetails> ACTIVITY_SCHEDULED =
            new EventType<>("stemreach.registrations.activity-scheduled.v1", ActivityDetails.class, Topics.REGISTRATIONS);
    public static final EventType<ActivityDetails> ACTIVITY_CHANGED =
            new EventType<>("stemreach.registrations.activity-changed.v1", ActivityDetails.class, Topics.REGISTRATIONS);
    public static final EventType<ActivityCancelled> ACTIVITY_CANCELLED =
            new EventType<>("stemreach.registrations.activity-cancelled.v1", ActivityCancelled.class, Topics.REGISTRATIONS);
    public static final EventType<RegistrationChanged> REGISTRATION_CONFIRMED =
            new EventType<>("stemreach.registrations.registration-confirmed.v1", RegistrationChanged.class, Topics.REGISTRATIONS);
    public static final EventType<RegistrationChanged> REGISTRATION_WAITLISTED =
            new EventType<>("stemreach.registrations.registration-waitlisted.v1", RegistrationChanged.class, Topics.REGISTRATIONS);
    public static final EventType<RegistrationChanged> REGISTRATION_PROMOTED =
            new EventType<>("stemreach.registrations.registration-promoted.v1", RegistrationChanged.class, Topics.REGISTRATIONS);
    public static final EventType<RegistrationChanged> REGISTRATION_CANCELLED =
            new EventType<>("stemreach.registrations.registration-cancelled.v1", RegistrationChanged.class, Topics.REGISTRATIONS);
    public static final EventType<AttendanceRecorded> ATTENDANCE_RECORDED =
            new EventType<>("stemreach.registrations.attendance-recorded.v1", AttendanceRecorded.class, Topics.REGISTRATIONS);
    public static final EventType<HeadcountRecorded> HEADCOUNT_RECORDED =
            new EventType<>("stemreach.registrations.headcount-recorded.v1", HeadcountRecorded.class, Topics.REGISTRATIONS);
    public static final EventType<TeacherForgotten> TEACHER_FORGOTTEN =
            new EventType<>("stemreach.registrations.teacher-forgotten.v1", TeacherForgotten.class, Topics.REGISTRATIONS);

    private static final Map<String, EventType<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (EventType<?> type : List.of(PROJECT_PUBLISHED, PROJECT_UPDATED, PROJECT_WITHDRAWN, EXTERNAL_FIGURE_REPORTED,
                DOWNLOAD_RECORDED, ACTIVITY_SCHEDULED, ACTIVITY_CHANGED,
                ACTIVITY_CANCELLED, REGISTRATION_CONFIRMED, REGISTRATION_WAITLISTED, REGISTRATION_PROMOTED,
                REGISTRATION_CANCELLED, ATTENDANCE_RECORDED, HEADCOUNT_RECORDED, TEACHER_FORGOTTEN)) {
            if (BY_NAME.put(type.name(), type) != null) {
                throw new IllegalStateException("duplicate event type " + type.name());
            }
        }
    }

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
