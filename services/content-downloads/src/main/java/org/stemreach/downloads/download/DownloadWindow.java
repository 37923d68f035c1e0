package org.stemreach.downloads.download;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One counted download of one file by one client, claimed by inserting it under the id
 * {@code <window>|<epoch millis of the count before it>} (COUNTER double-click rule: only one request can claim the
 * count after a given one); it carries the download-recorded event in its outbox, written in the same insert.
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

    DownloadWindow(String id, Instant countedAt, OutboxEvent event) {
        this.id = id;
        this.countedAt = countedAt;
        this.outbox.add(event);
    }

    /** A link that closes a chain at {@code at} without a count (no event): a request still adding to the chain meets it. */
    static DownloadWindow closing(String id, Instant at) {
        DownloadWindow closing = new DownloadWindow();
        closing.id = id;
        closing.countedAt = at;
        return closing;
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
