package org.stemreach.downloads.download;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last counted download of one file by one client: the aggregate that decides whether a new
 * download counts (COUNTER double-click rule) and carries the download-recorded event in its outbox,
 * written together in one conditional upsert.
 */
@Document(DownloadWindow.COLLECTION)
public class DownloadWindow implements HasOutbox {

    public static final String COLLECTION = "download_windows";

    @Id
    private String id;
    private Instant countedAt;
    private List<OutboxEvent> outbox = new ArrayList<>();

    protected DownloadWindow() {
    }

    public String id() {
        return id;
    }

    public Instant countedAt() {
        return countedAt;
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
