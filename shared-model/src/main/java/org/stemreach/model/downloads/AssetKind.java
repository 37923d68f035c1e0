package org.stemreach.model.downloads;

/** What was downloaded: the project sheet (PDF) or the lesson material (ZIP). Both count as indirect reach. */
public enum AssetKind {
    SHEET,
    MATERIAL
}
