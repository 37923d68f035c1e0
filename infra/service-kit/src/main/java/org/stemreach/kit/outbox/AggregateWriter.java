package org.stemreach.kit.outbox;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a versioned aggregate ({@code @Version}) and its new events in one single-document update: the state
 * is set field by field, the version increases, and the events are appended to the outbox. The outbox itself
 * is never rewritten, so an event the relay has just published and removed cannot come back through a writer
 * that loaded the document before. If the version changed meanwhile, nothing is written and the caller
 * starts again from the current state.
 */
public class AggregateWriter {

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    public AggregateWriter(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    /** Returns false when someone else changed the aggregate since it was read. */
    public boolean update(Object aggregate, List<OutboxEvent> events) {
        return update(aggregate, null, events);
    }

    /**
     * The same, writing only what differs from {@code loaded} (the document as it was read, without its
     * outbox): unchanged fields are left alone, and a list that only grew gets its new elements pushed,
     * so a registration does not rewrite all the others.
     */
    public boolean update(Object aggregate, Document loaded, List<OutboxEvent> events) {
        return updateAndGet(aggregate, loaded, events) != null;
    }

    /**
     * The same, answering the aggregate's document as it now is in the database, except for its outbox (which
     * is left empty), or null when someone else changed the aggregate since it was read. A caller that keeps
     * this document can pass it as {@code loaded} for its next change instead of reading the aggregate again: if
     * anyone else has written since, the version no longer matches and nothing is written.
     */
    public Document updateAndGet(Object aggregate, Document loaded, List<OutboxEvent> events) {
        MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(aggregate.getClass());
        MongoPersistentProperty versionProperty = entity.getRequiredVersionProperty();
        PersistentPropertyAccessor<Object> accessor = entity.getPropertyAccessor(aggregate);
        Object id = entity.getIdentifierAccessor(aggregate).getRequiredIdentifier();
        Object version = accessor.getProperty(versionProperty);

        Document state = new Document();
        MongoConverter converter = mongo.getConverter();
        converter.write(aggregate, state);
        String versionField = versionProperty.getFieldName();
        // Built from the converter's output directly (already MongoDB values), not through Update and its
        // mapper, which maps every value again: that was half the cost of a registration's write.
        Document set = new Document();
        Document unset = new Document();
        Document push = new Document();
        for (MongoPersistentProperty property : entity) {
            String field = property.getFieldName();
            if (property.isIdProperty() || field.equals(versionField) || field.equals(HasOutbox.FIELD)) {
                continue;
            }
            if (!state.containsKey(field)) {
                if (loaded == null || loaded.containsKey(field)) {
                    unset.put(field, "");
                }
                continue;
            }
            Object now = state.get(field);
            Object before = loaded == null ? null : loaded.get(field);
            if (loaded != null && loaded.containsKey(field) && now.equals(before)) {
                continue;
            }
            if (now instanceof List<?> grown && before instanceof List<?> old && grown.size() > old.size()
                    && grown.subList(0, old.size()).equals(old)) {
                push.put(field, new Document("$each", new ArrayList<>(grown.subList(old.size(), grown.size()))));
            } else {
                set.put(field, now);
            }
        }
        if (!events.isEmpty()) {
            TypeInformation<?> eventType = entity.getRequiredPersistentProperty(HasOutbox.FIELD).getTypeInformation().getRequiredComponentType();
            List<Object> written = new ArrayList<>(events.size());
            events.forEach(event -> written.add(converter.convertToMongoType(event, eventType)));
            push.put(HasOutbox.FIELD, new Document("$each", written));
        }
        Document update = new Document("$inc", new Document(versionField, 1));
        if (!set.isEmpty()) {
            update.put("$set", set);
        }
        if (!unset.isEmpty()) {
            update.put("$unset", unset);
        }
        if (!push.isEmpty()) {
            update.put("$push", push);
        }
        Document current = new Document("_id", state.get("_id")).append(versionField, version);
        // The collection's own write concern (the client's): no WriteConcernResolver is configured on the template.
        UpdateResult result = mongo.execute(entity.getCollection(), collection -> collection.updateOne(current, update));
        if (result.getMatchedCount() == 0) {
            return null;
        }
        if (!events.isEmpty()) {
            relay.nudge(entity.getCollection(), id);
        }
        state.put(versionField, version instanceof Number number ? number.longValue() + 1 : 1L);
        if (state.containsKey(HasOutbox.FIELD)) {
            state.put(HasOutbox.FIELD, new ArrayList<>());
        }
        return state;
    }
}
