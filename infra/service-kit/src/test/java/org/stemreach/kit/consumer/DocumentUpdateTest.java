package org.stemreach.kit.consumer;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentUpdateTest {

    @Test
    void mergesUpdatesOfTheSameDocument() {
        List<DocumentUpdate> merged = DocumentUpdate.mergeAll(List.of(
                DocumentUpdate.of("c", "a").setOnInsert("network", "ISTEM").inc("sheets", 1).max("lastAt", 5L),
                DocumentUpdate.of("c", "b").inc("sheets", 1),
                DocumentUpdate.of("c", "a").inc("sheets", 2).inc("materials", 1).max("lastAt", 3L).addToSet("tags", "x"),
                DocumentUpdate.of("c", "a").set("title", "old").addToSet("tags", "y"),
                DocumentUpdate.of("c", "a").set("title", "new").addToSet("tags", "x")));

        assertThat(merged).hasSize(2);
        Document a = merged.get(0).toUpdateDocument();
        assertThat(a.get("$inc", Document.class)).containsEntry("sheets", 3L).containsEntry("materials", 1L);
        assertThat(a.get("$max", Document.class)).containsEntry("lastAt", 5L);
        assertThat(a.get("$set", Document.class)).containsEntry("title", "new");
        assertThat(a.get("$setOnInsert", Document.class)).containsEntry("network", "ISTEM");
        assertThat(a.get("$addToSet", Document.class).get("tags", Document.class).getList("$each", String.class))
                .containsExactly("x", "y");
        assertThat(merged.get(1).toUpdateDocument().get("$inc", Document.class)).containsEntry("sheets", 1L);
    }

    @Test
    void aFieldThatIsAlsoUpdatedIsNotSetOnInsert() {
        Document update = DocumentUpdate.of("c", "a").setOnInsert("title", "x").set("title", "y").toUpdateDocument();

        assertThat(update).doesNotContainKey("$setOnInsert");
    }

    @Test
    void emptyUpdatesAreDropped() {
        assertThat(DocumentUpdate.mergeAll(List.of(DocumentUpdate.of("c", "a")))).isEmpty();
    }

    @Test
    void refusesToMergeDifferentDocuments() {
        assertThatThrownBy(() -> DocumentUpdate.of("c", "a").merge(DocumentUpdate.of("c", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
