package org.stemreach.downloads.project;

import java.time.Instant;

/** A stored file of a project: where it is in GridFS and what a download response needs to describe it. */
public record Asset(String fileId, String filename, String contentType, long size, String sha256, Instant uploadedAt) {
}
