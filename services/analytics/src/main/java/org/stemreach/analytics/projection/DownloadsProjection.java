package org.stemreach.analytics.projection;

import org.springframework.stereotype.Component;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.kit.consumer.DocumentUpdate;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.downloads.ProjectPublished;
import org.stemreach.model.event.EventCatalog;

import java.util.Date;
import java.util.List;

/**
 * Downloads per network, period and project (indirect reach, top projects), and the project titles.
 * A download counts in the period of its timestamp, dated in the network's time zone.
 */
@Component
public class DownloadsProjection {

    public static final String BY_PROJECT = "downloads_by_project";
    public static final String PROJECTS = "projects";

    private final NetworkCalendars calendars;

    public DownloadsProjection(NetworkCalendars calendars) {
        this.calendars = calendars;
    }

    /** Adds the updates for one event; returns false if the event is not about downloads. */
    public boolean plan(TypedEvent<?> event, List<DocumentUpdate> updates) {
        if (event.type().equals(EventCatalog.DOWNLOAD_RECORDED)) {
            DownloadRecorded download = event.dataAs(EventCatalog.DOWNLOAD_RECORDED);
            String network = download.network().value();
            String period = calendars.periodOf(network, download.downloadedAt()).label();
            String project = download.projectId().value();
            updates.add(DocumentUpdate.of(BY_PROJECT, network + "|" + period + "|" + project)
                    .setOnInsert("network", network)
                    .setOnInsert("period", period)
                    .setOnInsert("projectId", project)
                    .inc(download.assetKind() == AssetKind.SHEET ? "sheets" : "materials", 1)
                    .max("lastAt", Date.from(download.downloadedAt())));
            return true;
        }
        if (event.type().equals(EventCatalog.PROJECT_PUBLISHED)) {
            ProjectPublished published = event.dataAs(EventCatalog.PROJECT_PUBLISHED);
            updates.add(DocumentUpdate.of(PROJECTS, published.projectId().value())
                    .set("network", published.network().value())
                    .set("title", published.title())
                    .max("publishedAt", Date.from(published.publishedAt())));
            return true;
        }
        return false;
    }
}
