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

    private static <T> EventEnvelope<T> envelope(EventType<T> type, String subject, T data) {
        return EventEnvelope.create(type, "/stemreach/test", subject, data, Instant.now());
    }

    public static void send(EventEnvelope<?> event) {
        EventType<?> type = EventCatalog.byName(event.type()).orElseThrow();
        TestKafka.send(type.topic(), event.subject(), CODEC.encodeToString(event));
    }
}
