package org.stemreach.model.downloads;

import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.TeacherId;

import java.time.Instant;

/**
 * One counted download (after COUNTER-style filtering: robots and repeats within 30 seconds are not
 * recorded). Carries no IP address and no client key.
 *
 * @param channel   where it was served, e.g. {@code web}
 * @param teacherId the opaque id of a signed-in teacher, or {@code null}
 */
public record DownloadRecorded(
        ProjectId projectId,
        NetworkId network,
        AssetKind assetKind,
        Instant downloadedAt,
        String channel,
        TeacherId teacherId) {
}
