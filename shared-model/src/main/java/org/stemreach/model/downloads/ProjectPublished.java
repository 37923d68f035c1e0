package org.stemreach.model.downloads;

import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;

import java.time.Instant;
import java.util.List;

/** A lesson project became publicly available (or was published again with new details). */
public record ProjectPublished(
        ProjectId projectId,
        NetworkId network,
        String title,
        List<String> subjects,
        List<String> targetGroups,
        String licence,
        Instant publishedAt) {

    public ProjectPublished {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
    }
}
