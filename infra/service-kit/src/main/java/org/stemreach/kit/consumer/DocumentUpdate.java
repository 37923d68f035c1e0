package org.stemreach.kit.consumer;

import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The change one batch of events makes to one projection document, applied as a single upsert.
 * Updates of the same document within a batch are {@link #merge merged}: increments add up,
 * {@code set} keeps the last value, {@code max} the largest, sets are united.
 * Values must be BSON-friendly (String, Long, Integer, Double, Boolean, java.util.Date).
 */
public final class DocumentUpdate {

    private final String collection;
    private final Object id;
    private final Map<String, Object> setOnInsert = new LinkedHashMap<>();
    private final Map<String, Number> inc = new LinkedHashMap<>();
    private final Map<String, Object> set = new LinkedHashMap<>();
    private final Map<String, Object> max = new LinkedHashMap<>();
    private final Map<String, Set<Object>> addToSet = new LinkedHashMap<>();

    private DocumentUpdate(String collection, Object id) {
        this.collection = Objects.requireNonNull(collection, "collection");
        this.id = Objects.requireNonNull(id, "id");
    }

    public static DocumentUpdate of(String collection, Object id) {
        return new DocumentUpdate(collection, id);
    }

    public DocumentUpdate setOnInsert(String field, Object value) {
        setOnInsert.put(field, value);
        return this;
    }

    public DocumentUpdate inc(String field, long amount) {
        inc.merge(field, amount, (a, b) -> a.longValue() + b.longValue());
        return this;
    }

    public DocumentUpdate incDouble(String field, double amount) {
        inc.merge(field, amount, (a, b) -> a.doubleValue() + b.doubleValue());
        return this;
    }

    public DocumentUpdate set(String field, Object value) {
        set.put(field, value);
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public DocumentUpdate max(String field, Comparable value) {
        max.merge(field, value, (a, b) -> ((Comparable) a).compareTo(b) >= 0 ? a : b);
        return this;
    }

    public DocumentUpdate addToSet(String field, Object value) {
        addToSet.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(value);
        return this;
    }

    public String collection() {
        return collection;
    }

    public Object id() {
        return id;
    }

    public boolean isEmpty() {
        return setOnInsert.isEmpty() && inc.isEmpty() && set.isEmpty() && max.isEmpty() && addToSet.isEmpty();
    }

    /** Folds a later update of the same document into this one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public DocumentUpdate merge(DocumentUpdate later) {
        if (!collection.equals(later.collection) || !id.equals(later.id)) {
            throw new IllegalArgumentException("can only merge updates of the same document");
        }
        later.setOnInsert.forEach(setOnInsert::putIfAbsent);
        later.inc.forEach((field, amount) -> inc.merge(field, amount, DocumentUpdate::add));
        set.putAll(later.set);
        later.max.forEach((field, value) -> max((String) field, (Comparable) value));
        later.addToSet.forEach((field, values) -> addToSet.computeIfAbsent(field, f -> new LinkedHashSet<>()).addAll(values));
        return this;
    }

    private static Number add(Number a, Number b) {
        if (a instanceof Double || b instanceof Double) {
            return a.doubleValue() + b.doubleValue();
        }
        return a.longValue() + b.longValue();
    }

    /** The MongoDB update document (without the idempotency guard), built as BSON values from the start. */
    public BsonDocument toUpdateDocument() {
        BsonDocument update = new BsonDocument();
        Map<String, Object> onInsert = new LinkedHashMap<>(setOnInsert);
        onInsert.keySet().removeAll(set.keySet());
        onInsert.keySet().removeAll(inc.keySet());
        onInsert.keySet().removeAll(max.keySet());
        onInsert.keySet().removeAll(addToSet.keySet());
        if (!onInsert.isEmpty()) {
            update.put("$setOnInsert", bson(onInsert));
        }
        if (!inc.isEmpty()) {
            update.put("$inc", bson(inc));
        }
        if (!set.isEmpty()) {
            update.put("$set", bson(set));
        }
        if (!max.isEmpty()) {
            update.put("$max", bson(max));
        }
        if (!addToSet.isEmpty()) {
            BsonDocument each = new BsonDocument();
            addToSet.forEach((field, values) -> each.put(field, new BsonDocument("$each", BsonValues.of(values))));
            update.put("$addToSet", each);
        }
        return update;
    }

    private static BsonDocument bson(Map<String, ?> fields) {
        BsonDocument document = new BsonDocument();
        fields.forEach((field, value) -> document.put(field, BsonValues.of(value)));
        return document;
    }

    /** Merges a list of updates so that each document is written once. */
    public static List<DocumentUpdate> mergeAll(Collection<DocumentUpdate> updates) {
        Map<List<Object>, DocumentUpdate> merged = new LinkedHashMap<>();
        for (DocumentUpdate update : updates) {
            if (update.isEmpty()) {
                continue;
            }
            merged.merge(List.of(update.collection, update.id), copyOf(update), DocumentUpdate::merge);
        }
        return new ArrayList<>(merged.values());
    }

    private static DocumentUpdate copyOf(DocumentUpdate update) {
        return new DocumentUpdate(update.collection, update.id).merge(update);
    }

    @Override
    public String toString() {
        return collection + "/" + id + " " + toUpdateDocument().toJson();
    }
}
