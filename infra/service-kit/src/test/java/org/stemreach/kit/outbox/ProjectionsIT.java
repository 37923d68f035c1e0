package org.stemreach.kit.outbox;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.stemreach.kit.TestMongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionsIT {

    @Document("aggregates")
    static class Aggregate implements HasOutbox {
        @Id
        String id;
        String title;
        @Field("n")
        int count;
        List<String> entries = new ArrayList<>();
        List<OutboxEvent> outbox = new ArrayList<>();

        @Override
        public List<OutboxEvent> outbox() {
            return outbox;
        }
    }

    private final MongoTemplate mongo = TestMongo.freshDatabase();

    @Test
    void readsEveryMappedFieldButTheExcludedOnes() {
        Aggregate stored = new Aggregate();
        stored.id = "a1";
        stored.title = "Robotica";
        stored.count = 3;
        stored.entries.add("e1");
        stored.outbox.add(new OutboxEvent("ev1", "t", "topic", "a1", "{}", Instant.now()));
        mongo.insert(stored);

        Query query = Projections.allBut(mongo, new Query(Criteria.where("_id").is("a1")), Aggregate.class, HasOutbox.FIELD);
        org.bson.Document raw = mongo.findOne(query, org.bson.Document.class, "aggregates");
        Aggregate withoutList = mongo.findOne(Projections.allBut(mongo, new Query(), Aggregate.class, "entries", HasOutbox.FIELD), Aggregate.class);

        assertThat(raw).containsOnlyKeys("_id", "title", "n", "entries");
        assertThat(withoutList.title).isEqualTo("Robotica");
        assertThat(withoutList.count).isEqualTo(3);
        assertThat(withoutList.entries).isEmpty();
        assertThat(withoutList.outbox).isEmpty();
    }
}
