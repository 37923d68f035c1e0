package org.stemreach.model.event;

import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.downloads.ProjectPublished;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every event type that crosses a service boundary. Consumers skip (and count) types they do not know. */
public final class EventCatalog {

    public static final EventType<ProjectPublished> PROJECT_PUBLISHED =
            new EventType<>("stemreach.downloads.project-published.v1", ProjectPublished.class, Topics.DOWNLOADS);
    public static final EventType<DownloadRecorded> DOWNLOAD_RECORDED =
            new EventType<>("stemreach.downloads.download-recorded.v1", DownloadRecorded.class, Topics.DOWNLOADS);

    private static final Map<String, EventType<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (EventType<?> type : List.of(PROJECT_PUBLISHED, DOWNLOAD_RECORDED)) {
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
