package org.stemreach.model.downloads;

import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;

import java.time.Instant;

/** A project is no longer offered; its downloads so far keep counting in their periods. */
public record ProjectWithdrawn(ProjectId projectId, NetworkId network, Instant withdrawnAt) {
}
