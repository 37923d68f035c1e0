package org.stemreach.downloads.project;

public enum ProjectState {
    DRAFT,
    PUBLISHED,
    WITHDRAWN
}
