package org.stemreach.analytics.projection;

import org.springframework.stereotype.Component;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.kit.consumer.DocumentUpdate;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.downloads.ExternalFigureReported;
import org.stemreach.model.downloads.ProjectPublished;
import org.stemreach.model.downloads.ProjectWithdrawn;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.registrations.ActivityCancelled;
import org.stemreach.model.registrations.ActivityDetails;
import org.stemreach.model.registrations.AttendanceRecorded;
import org.stemreach.model.registrations.HeadcountRecorded;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;

/**
 * Turns events into facts, written so that order does not matter: an activity's details and headcounts are kept
 * per revision, attendance marks per session and time, external figures per report time, and the query side
 * takes the latest. Counters (downloads) only ever add up. Adding a source (coaching) adds cases here.
 */
@Component
public class ReachProjection {

    public static final String ACTIVITIES = "activity_facts";
    public static final String ATTENDANCE = "attendance";
    public static final String DOWNLOADS_BY_PROJECT = "downloads_by_project";
    public static final String DOWNLOADS_BY_DAY = "downloads_by_day";
    public static final String PROJECTS = "projects";
    public static final String EXTERNAL = "external_figures";

    private final NetworkCalendars calendars;

    public ReachProjection(NetworkCalendars calendars) {
        this.calendars = calendars;
    }

    /** The calendars this projection files facts under the periods of ({@link NetworkCalendars#fingerprint()}). */
    public String calendars() {
        return calendars.fingerprint();
    }

    /** Adds the updates for one event; returns false if the event does not count for any KPI. */
    public boolean plan(TypedEvent<?> event, List<DocumentUpdate> updates) {
        var type = event.type();
        if (type.equals(EventCatalog.ACTIVITY_SCHEDULED) || type.equals(EventCatalog.ACTIVITY_CHANGED)) {
            ActivityDetails details = (ActivityDetails) event.data();
            LocalDate first = details.firstSessionDate();
            String network = details.network().value();
            String revision = "revisions.r" + String.format("%09d", details.revision());
            updates.add(DocumentUpdate.of(ACTIVITIES, details.activityId().value())
                    .set("network", network)
                    // the network of each revision too: the latest revision's counts, whatever order they were applied in
                    .set(revision + ".network", network)
                    .set(revision + ".partnerId", details.partner().id()).set(revision + ".partner", details.partner().name())
                    .set(revision + ".locationId", details.location() == null ? "online" : details.location().id())
                    .set(revision + ".location", details.location() == null ? "online" : details.location().name())
                    .set(revision + ".title", details.title()).set(revision + ".type", details.type())
                    .set(revision + ".category", details.category().name())
                    .set(revision + ".firstSession", first == null ? null : first.toString())
                    .set(revision + ".period", first == null ? null : calendars.periodOf(network, first).label())
                    .set(revision + ".programme", details.programme() == null ? null : details.programme().name())
                    .set(revision + ".programmeLevel", details.programme() == null ? null : details.programme().level()));
            return true;
        }
        if (type.equals(EventCatalog.ACTIVITY_CANCELLED)) {
            ActivityCancelled cancelled = (ActivityCancelled) event.data();
            updates.add(DocumentUpdate.of(ACTIVITIES, cancelled.activityId().value()).max("cancelledRevision", cancelled.revision()));
            return true;
        }
        if (type.equals(EventCatalog.HEADCOUNT_RECORDED)) {
            HeadcountRecorded headcount = (HeadcountRecorded) event.data();
            updates.add(DocumentUpdate.of(ACTIVITIES, headcount.activityId().value())
                    .set("network", headcount.network().value())
                    .set("headcounts.r" + String.format("%09d", headcount.revision()), headcount.count()));
            return true;
        }
        if (type.equals(EventCatalog.ATTENDANCE_RECORDED)) {
            AttendanceRecorded attendance = (AttendanceRecorded) event.data();
            String teacher = attendance.teacherId().value();
            String session = key(attendance.sessionId());
            DocumentUpdate update = DocumentUpdate.of(ATTENDANCE, attendance.activityId().value() + "|" + teacher)
                    .setOnInsert("activityId", attendance.activityId().value())
                    .setOnInsert("teacherId", teacher)
                    .set("marks." + session + "." + markKey(attendance), attendance.present());
            if (attendance.schoolId() != null) {
                // Never unset by a mark without one: a teacher who asked to be forgotten is no longer linked to the school
                // they named, but the school they came from still counts (their place stays, anonymously, so do the counts),
                // whichever order a replay or a live batch brings the marks in.
                update.set("schoolId", attendance.schoolId().value());
            }
            if (attendance.sequence() != null) {
                // Its time too (apart: versions before the sequence read every key of "marks" as a time), to weigh it against
                // a mark without a sequence written meanwhile by an instance not yet upgraded.
                update.set("markTimes." + session + "." + markKey(attendance), attendance.recordedAt().toEpochMilli());
            }
            updates.add(update);
            return true;
        }
        if (type.equals(EventCatalog.DOWNLOAD_RECORDED)) {
            DownloadRecorded download = (DownloadRecorded) event.data();
            String network = download.network().value();
            String period = calendars.periodOf(network, download.downloadedAt()).label();
            String project = download.projectId().value();
            String kind = download.assetKind() == AssetKind.SHEET ? "sheets" : "materials";
            LocalDate day = LocalDate.ofInstant(download.downloadedAt(), calendars.schemeOf(network).zone());
            updates.add(DocumentUpdate.of(DOWNLOADS_BY_PROJECT, network + "|" + period + "|" + project)
                    .setOnInsert("network", network).setOnInsert("period", period).setOnInsert("projectId", project)
                    .inc(kind, 1));
            updates.add(DocumentUpdate.of(DOWNLOADS_BY_DAY, network + "|" + day)
                    .setOnInsert("network", network).setOnInsert("period", period).setOnInsert("day", day.toString())
                    .inc(kind, 1));
            return true;
        }
        if (type.equals(EventCatalog.PROJECT_PUBLISHED) || type.equals(EventCatalog.PROJECT_UPDATED)) {
            ProjectPublished published = (ProjectPublished) event.data();
            updates.add(DocumentUpdate.of(PROJECTS, published.projectId().value())
                    .set("network", published.network().value())
                    .set("titles.t" + published.publishedAt().toEpochMilli(), published.title()));
            return true;
        }
        if (type.equals(EventCatalog.PROJECT_WITHDRAWN)) {
            ProjectWithdrawn withdrawn = (ProjectWithdrawn) event.data();
            updates.add(DocumentUpdate.of(PROJECTS, withdrawn.projectId().value()).max("withdrawnAt", Date.from(withdrawn.withdrawnAt())));
            return true;
        }
        if (type.equals(EventCatalog.EXTERNAL_FIGURE_REPORTED)) {
            ExternalFigureReported figure = (ExternalFigureReported) event.data();
            updates.add(DocumentUpdate.of(EXTERNAL, figure.network().value() + "|" + figure.period() + "|" + figure.channel() + "|" + figure.metric())
                    .set("network", figure.network().value()).set("period", figure.period())
                    .set("channel", figure.channel()).set("metric", figure.metric())
                    .set("values.t" + figure.reportedAt().toEpochMilli(), figure.value()));
            return true;
        }
        return false;
    }

    /**
     * A mark's key within its session: {@code s<sequence>} (the activity's version, so the order the changes were
     * written in), or for events without one {@code t<recordedAt>} (the writer's clock).
     */
    static String markKey(AttendanceRecorded attendance) {
        return attendance.sequence() != null ? "s" + attendance.sequence() : "t" + attendance.recordedAt().toEpochMilli();
    }

    /** Session ids become field names: keep them free of dots and dollars. */
    static String key(String sessionId) {
        return "s_" + sessionId.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
