package org.stemreach.analytics;

import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.downloads.ProjectPublished;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventEnvelope;
import org.stemreach.model.event.EventType;
import org.stemreach.testsupport.TestKafka;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builders of the events other services publish, sent to the shared test broker as those services would. */
public final class Events {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private Events() {
    }

    /** A fresh network label, so that tests sharing a broker never see each other's figures. */
    public static String network() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    public static EventEnvelope<ProjectPublished> projectPublished(String network, String projectId, String title) {
        return envelope(EventCatalog.PROJECT_PUBLISHED, "project/" + projectId, new ProjectPublished(ProjectId.of(projectId),
                NetworkId.of(network), title, List.of("STEM"), List.of("secondary"), "CC BY 4.0", Instant.parse("2026-01-05T09:00:00Z")));
    }

    public static EventEnvelope<DownloadRecorded> download(String network, String projectId, AssetKind kind, String at) {
        return envelope(EventCatalog.DOWNLOAD_RECORDED, "project/" + projectId,
                new DownloadRecorded(ProjectId.of(projectId), NetworkId.of(network), kind, Instant.parse(at), "web", null));
    }

    public static EventEnvelope<org.stemreach.model.registrations.ActivityDetails> activity(String network, String activityId, String type,
                                                                                        String firstSession, long revision) {
        var category = org.stemreach.model.activity.ActivityTypes.defaultCategoryOf(type).orElseThrow();
        var details = new org.stemreach.model.registrations.ActivityDetails(org.stemreach.model.ActivityId.of(activityId), NetworkId.of(network),
                new org.stemreach.model.registrations.Partner("kuleuven", "KU Leuven"),
                new org.stemreach.model.registrations.Location("kulak", "Campus Kulak", "Kortrijk", "West-Vlaanderen"), false,
                type + " " + activityId, type, category, List.of("secundair"),
                List.of(new org.stemreach.model.registrations.SessionSlot("s1", java.time.LocalDate.parse(firstSession), null, null)),
                category == org.stemreach.model.activity.ActivityCategory.PRE_SERVICE
                        ? new org.stemreach.model.registrations.PreServiceProgramme("Bachelor secundair", "BACHELOR") : null, revision);
        return envelope(revision == 1 ? EventCatalog.ACTIVITY_SCHEDULED : EventCatalog.ACTIVITY_CHANGED, "activity/" + activityId, details);
    }

    /** An activity held online only: no location. */
    public static EventEnvelope<org.stemreach.model.registrations.ActivityDetails> onlineActivity(String network, String activityId, String type,
                                                                                              String firstSession) {
        var category = org.stemreach.model.activity.ActivityTypes.defaultCategoryOf(type).orElseThrow();
        var details = new org.stemreach.model.registrations.ActivityDetails(org.stemreach.model.ActivityId.of(activityId), NetworkId.of(network),
                new org.stemreach.model.registrations.Partner("ugent", "UGent"), null, true, type + " " + activityId, type, category,
                List.of("secundair"), List.of(new org.stemreach.model.registrations.SessionSlot("s1", java.time.LocalDate.parse(firstSession), null, null)),
                null, 1);
        return envelope(EventCatalog.ACTIVITY_SCHEDULED, "activity/" + activityId, details);
    }

    public static EventEnvelope<org.stemreach.model.registrations.AttendanceRecorded> attended(String network, String activityId, String teacher,
                                                                                               boolean present, String at) {
        return attended(network, activityId, "s1", teacher, present, at);
    }

    public static EventEnvelope<org.stemreach.model.registrations.AttendanceRecorded> attended(String network, String activityId, String session,
                                                                                               String teacher, boolean present, String at) {
        return attended(network, activityId, session, teacher, present, at, null);
    }

    /** A mark with the activity's version it was written with (events of before that field have none). */
    public static EventEnvelope<org.stemreach.model.registrations.AttendanceRecorded> attended(String network, String activityId, String session,
                                                                                               String teacher, boolean present, String at, Long sequence) {
        return attended(network, activityId, session, teacher, "school-" + teacher.hashCode() % 3, present, at, sequence);
    }

    /** A mark of a teacher of this school (null: none, as after the teacher asked to be forgotten). */
    public static EventEnvelope<org.stemreach.model.registrations.AttendanceRecorded> attended(String network, String activityId, String session,
                                                                                               String teacher, String school, boolean present,
                                                                                               String at, Long sequence) {
        return envelope(EventCatalog.ATTENDANCE_RECORDED, "activity/" + activityId, new org.stemreach.model.registrations.AttendanceRecorded(
                org.stemreach.model.ActivityId.of(activityId), NetworkId.of(network), session, org.stemreach.model.TeacherId.of(teacher),
                school == null ? null : org.stemreach.model.SchoolId.of(school), present, Instant.parse(at), sequence));
    }

    public static EventEnvelope<org.stemreach.model.registrations.HeadcountRecorded> headcount(String network, String activityId, int count, long revision) {
        return envelope(EventCatalog.HEADCOUNT_RECORDED, "activity/" + activityId, new org.stemreach.model.registrations.HeadcountRecorded(
                org.stemreach.model.ActivityId.of(activityId), NetworkId.of(network), count, false, Instant.now(), revision));
    }

    public static EventEnvelope<org.stemreach.model.registrations.ActivityCancelled> cancelled(String network, String activityId, long revision) {
        return envelope(EventCatalog.ACTIVITY_CANCELLED, "activity/" + activityId, new org.stemreach.model.registrations.ActivityCancelled(
                org.stemreach.model.ActivityId.of(activityId), NetworkId.of(network), Instant.now(), revision));
    }

    public static EventEnvelope<org.stemreach.model.registrations.TeacherForgotten> forgotten(String teacher) {
        return envelope(EventCatalog.TEACHER_FORGOTTEN, "teacher/" + teacher, new org.stemreach.model.registrations.TeacherForgotten(
                org.stemreach.model.TeacherId.of(teacher), Instant.now()));
    }

    /** A figure of an outside channel for a period, reported at {@code reportedAt} (a later report replaces it). */
    public static EventEnvelope<org.stemreach.model.downloads.ExternalFigureReported> externalFigure(String network, String channel, String metric,
                                                                                                    String period, double value, String reportedAt) {
        return envelope(EventCatalog.EXTERNAL_FIGURE_REPORTED, "external-figure/" + network + "-" + period + "-" + channel,
                new org.stemreach.model.downloads.ExternalFigureReported(channel, metric, NetworkId.of(network), period, value, Instant.parse(reportedAt)));
    }

    private static <T> EventEnvelope<T> envelope(EventType<T> type, String subject, T data) {
        return EventEnvelope.create(type, "/stemreach/test", subject, data, Instant.now());
    }

    /** A record's value as the producers write it. */
    public static byte[] bytes(EventEnvelope<?> event) {
        return CODEC.encodeToString(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void send(EventEnvelope<?> event) {
        EventType<?> type = EventCatalog.byName(event.type()).orElseThrow();
        TestKafka.send(type.topic(), event.subject(), CODEC.encodeToString(event));
    }
}
