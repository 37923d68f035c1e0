package org.stemreach.kit.consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.events.ReceivedEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Applies batches of events to projection documents exactly once, without multi-document
 * transactions (which the Mongo-wire test server lacks; real MongoDB would not need them either).
 *
 * <ol>
 *   <li>Events whose id is in {@code processed_events} are skipped (duplicates, redeliveries).</li>
 *   <li>The planner turns the new events into {@link DocumentUpdate}s, merged per document.</li>
 *   <li>A ledger entry (one document: batch token, event ids, updates) is written first.</li>
 *   <li>The event ids go to {@code processed_events}.</li>
 *   <li>Each update is applied as an upsert by id that also records the batch token in the document
 *       ({@value #GUARD_FIELD}). Batches are applied one after the other and an interrupted batch is completed
 *       before the next one starts, so every document an interrupted batch reached still carries its token:
 *       those are left out when it is completed, and applying a batch twice changes nothing. One token per
 *       document keeps the documents, and every update of them, small. (Filtering by id alone lets every
 *       server use the id index.)</li>
 *   <li>The ledger entry is removed.</li>
 * </ol>
 * If the process dies anywhere in between, the next call (or {@link #recover()}) finishes the
 * ledger entries left behind before it looks at new events, so no event is lost or counted twice.
 * One applier per projection; its batches are applied by one thread at a time.
 */
public final class IdempotentApplier {

    public static final String GUARD_FIELD = "_batch";
    /**
     * Ids per {@code $in} query. The Mongo-wire test server finds the candidates by index but then matches each
     * against the whole list (quadratic in its length); real MongoDB does not care. Small lists keep both fast.
     */
    static final int IDS_PER_QUERY = 250;
    /** Earlier versions kept the last tokens in an array; documents written by them may still carry it. */
    static final String LEGACY_GUARD_FIELD = "_batches";
    private static final Logger log = LoggerFactory.getLogger(IdempotentApplier.class);

    private final MongoTemplate mongo;
    private final String name;
    private final UnaryOperator<String> collectionNames;
    private final Counter applied;
    private final Counter duplicates;

    /**
     * @param name            the projection's name, used in metric tags
     * @param collectionNames maps a logical collection name (also {@code processed_events} and
     *                        {@code ledger}) to the physical one, e.g. to write a fresh generation
     */
    public IdempotentApplier(MongoTemplate mongo, String name, UnaryOperator<String> collectionNames, MeterRegistry meters) {
        this.mongo = mongo;
        this.name = name;
        this.collectionNames = collectionNames;
        this.applied = Counter.builder("stemreach.events.applied").tag("projection", name)
                .description("events applied to projections").register(meters);
        this.duplicates = Counter.builder("stemreach.events.duplicates").tag("projection", name)
                .description("events ignored because they were applied before").register(meters);
    }

    public record Result(int applied, int duplicates, List<ReceivedEvent> newEvents) {
    }

    public synchronized Result apply(List<ReceivedEvent> events, Function<List<ReceivedEvent>, Collection<DocumentUpdate>> planner) {
        recover();
        List<ReceivedEvent> fresh = withoutProcessed(events);
        int skipped = events.size() - fresh.size();
        duplicates.increment(skipped);
        if (fresh.isEmpty()) {
            return new Result(0, skipped, List.of());
        }
        List<DocumentUpdate> updates = DocumentUpdate.mergeAll(planner.apply(fresh));
        String token = UUID.randomUUID().toString();
        List<Document> planned = new ArrayList<>(updates.size());
        for (DocumentUpdate update : updates) {
            planned.add(new Document("c", update.collection()).append("id", update.id()).append("u", update.toUpdateDocument()));
        }
        List<String> ids = fresh.stream().map(ReceivedEvent::id).toList();
        Document entry = new Document("_id", token).append("events", ids).append("updates", planned).append("at", new Date());
        ledger().insertOne(entry);
        finish(entry, false);
        applied.increment(fresh.size());
        return new Result(fresh.size(), skipped, fresh);
    }

    /** Completes every ledger entry a crashed or interrupted run left behind. */
    public synchronized void recover() {
        for (Document entry : ledger().find()) {
            log.info("projection {}: completing interrupted batch {}", name, entry.getString("_id"));
            finish(entry, true);
        }
    }

    private void finish(Document entry, boolean interrupted) {
        String token = entry.getString("_id");
        markProcessed(entry.getList("events", String.class));
        Map<String, List<Document>> planned = new LinkedHashMap<>();
        for (Document update : entry.getList("updates", Document.class)) {
            planned.computeIfAbsent(update.getString("c"), c -> new ArrayList<>()).add(update);
        }
        planned.forEach((collection, updates) -> {
            Set<Object> done = interrupted ? carrying(collection, updates, token) : Set.of();
            List<WriteModel<Document>> models = new ArrayList<>(updates.size());
            for (Document update : updates) {
                if (done.contains(update.get("id"))) {
                    continue;
                }
                Document change = new Document(update.get("u", Document.class));
                Document set = change.get("$set", Document.class);
                change.put("$set", (set == null ? new Document() : new Document(set)).append(GUARD_FIELD, token));
                change.put("$unset", new Document(LEGACY_GUARD_FIELD, ""));
                models.add(new UpdateOneModel<>(new Document("_id", update.get("id")), change, new UpdateOptions().upsert(true)));
            }
            if (!models.isEmpty()) {
                mongo.getCollection(collectionNames.apply(collection)).bulkWrite(models, new BulkWriteOptions().ordered(false));
            }
        });
        ledger().deleteOne(Filters.eq("_id", token));
    }

    /** The documents of an interrupted batch that were updated before the interruption (they carry its token). */
    private Set<Object> carrying(String collection, List<Document> updates, String token) {
        List<Object> ids = updates.stream().map(u -> u.get("id")).toList();
        Set<Object> carrying = new HashSet<>();
        for (List<Object> chunk : chunks(ids)) {
            for (Document document : mongo.getCollection(collectionNames.apply(collection)).find(Filters.in("_id", chunk))
                    .projection(new Document(GUARD_FIELD, 1).append(LEGACY_GUARD_FIELD, 1))) {
                if (token.equals(document.getString(GUARD_FIELD))
                        || document.getList(LEGACY_GUARD_FIELD, String.class, List.of()).contains(token)) {
                    carrying.add(document.get("_id"));
                }
            }
        }
        return carrying;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY)));
        }
        return chunks;
    }

    private List<ReceivedEvent> withoutProcessed(List<ReceivedEvent> events) {
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            ids.add(event.id());
        }
        for (List<String> chunk : chunks(ids)) {
            for (Document done : processed().find(Filters.in("_id", chunk)).projection(new Document("_id", 1))) {
                seen.add(done.getString("_id"));
            }
        }
        List<ReceivedEvent> fresh = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            if (seen.add(event.id())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    private void markProcessed(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Date now = new Date();
        List<Document> marks = new ArrayList<>(eventIds.size());
        for (String id : eventIds) {
            marks.add(new Document("_id", id).append("at", now));
        }
        try {
            processed().insertMany(marks, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            throwUnlessOnlyDuplicates(e);
        }
    }

    private static void throwUnlessOnlyDuplicates(MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        if (e.getWriteConcernError() != null) {
            throw e;
        }
    }

    private com.mongodb.client.MongoCollection<Document> processed() {
        return mongo.getCollection(collectionNames.apply("processed_events"));
    }

    private com.mongodb.client.MongoCollection<Document> ledger() {
        return mongo.getCollection(collectionNames.apply("ledger"));
    }
}
