package org.stemreach.kit.outbox;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading a document without some of its fields (typically its outbox, or a long list) by naming the fields to
 * include rather than those to leave out. MongoDB answers both alike; the Mongo-wire server of the tests and the
 * local platform deep-copies the whole document for an exclusion and not for an inclusion, which made every read
 * of a large aggregate cost as much as a write.
 */
public final class Projections {

    private static final Map<List<Object>, List<String>> FIELDS = new ConcurrentHashMap<>();

    private Projections() {
    }

    /** Limits {@code query} to every mapped field of {@code type} but {@code excluded}; returns the query. */
    public static Query allBut(MongoTemplate mongo, Query query, Class<?> type, String... excluded) {
        List<String> fields = FIELDS.computeIfAbsent(List.of(type, Set.of(excluded)), key -> {
            MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
            List<String> included = new ArrayList<>();
            Set<String> left = Set.of(excluded);
            for (MongoPersistentProperty property : entity) {
                if (!left.contains(property.getFieldName())) {
                    included.add(property.getFieldName());
                }
            }
            return List.copyOf(included);
        });
        fields.forEach(field -> query.fields().include(field));
        return query;
    }
}
