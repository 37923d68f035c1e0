package org.stemreach.downloads.project;

import java.time.Instant;

import java.util.List;

/**
 * A stored file of a project: where it is in GridFS, what a download response needs to describe it, and for
 * lesson material the list of documents in the ZIP.
 */
public record Asset(String fileId, String filename, String contentType, long size, String sha256, Instant uploadedAt, List<String> entries) {

    public Asset {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
