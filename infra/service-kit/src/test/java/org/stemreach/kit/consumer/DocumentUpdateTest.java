package org.stemreach.kit.consumer;

import com.mongodb.MongoClientSettings;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        BsonDocument a = merged.get(0).toUpdateDocument();
        assertThat(a.getDocument("$inc")).containsEntry("sheets", new BsonInt64(3)).containsEntry("materials", new BsonInt64(1));
        assertThat(a.getDocument("$max")).containsEntry("lastAt", new BsonInt64(5));
        assertThat(a.getDocument("$set")).containsEntry("title", new BsonString("new"));
        assertThat(a.getDocument("$setOnInsert")).containsEntry("network", new BsonString("ISTEM"));
        assertThat(a.getDocument("$addToSet").getDocument("tags").getArray("$each"))
                .containsExactly(new BsonString("x"), new BsonString("y"));
        assertThat(merged.get(1).toUpdateDocument().getDocument("$inc")).containsEntry("sheets", new BsonInt64(1));
    }

    @Test
    void aFieldThatIsAlsoUpdatedIsNotSetOnInsert() {
        BsonDocument update = DocumentUpdate.of("c", "a").setOnInsert("title", "x").set("title", "y").toUpdateDocument();

        assertThat(update).doesNotContainKey("$setOnInsert");
    }

    @Test
    void valuesBecomeTheBsonTypesADocumentWouldHaveWritten() {
        Date at = new Date(1_700_000_000_000L);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "x");
        values.put("long", 5L);
        values.put("int", 7);
        values.put("double", 2.5);
        values.put("flag", true);
        values.put("at", at);
        values.put("none", null);
        values.put("list", List.of("a", 1));
        values.put("decimal", new BigDecimal("1.25"));
        values.put("instant", Instant.ofEpochMilli(5));
        DocumentUpdate update = DocumentUpdate.of("c", "a");
        values.forEach(update::set);

        BsonDocument set = update.toUpdateDocument().getDocument("$set");
        BsonDocument viaCodecs = new Document(values).toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());

        assertThat(set).isEqualTo(viaCodecs);
        assertThat(set.get("long")).isEqualTo(new BsonInt64(5));
        assertThat(set.get("int")).isEqualTo(new BsonInt32(7));
        assertThat(set.get("at")).isEqualTo(new BsonDateTime(at.getTime()));
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
