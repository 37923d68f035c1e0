package org.stemreach.kit.consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.events.ReceivedEvent;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Applies batches of events to projection documents exactly once, without multi-document
 * transactions (which the Mongo-wire test server lacks; real MongoDB would not need them either).
 *
 * <ol>
 *   <li>Events whose id is marked in {@code processed_events} are skipped (duplicates, redeliveries).</li>
 *   <li>The planner turns the new events into {@link DocumentUpdate}s, merged per document. If it throws, nothing of
 *       the batch is written (its events stay new).</li>
 *   <li>A ledger entry (one document: the batch token, and the event ids and updates as one binary BSON value) is
 *       written first.</li>
 *   <li>The event ids go to {@code processed_events}, as one document per batch (its token, and the ids in an array
 *       that a unique index covers: an id is marked once, and found by that index); at the same time (with writers)
 *       each collection gets its updates. One document per batch rather than per event keeps the marks, which grow
 *       with every event ever applied, a third of the size on the Mongo-wire server.</li>
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
 * One applier per projection; its batches are applied by one thread at a time, and one process writes at a time: with
 * several instances, {@link #fencedBy} stops an instance that lost its turn before each of its writes.
 */
public final class IdempotentApplier {

    public static final String GUARD_FIELD = "_batch";
    /** A ledger entry's events and updates, as one BSON document in a binary value. */
    static final String BATCH_FIELD = "batch";
    private static final BsonDocumentCodec BSON = new BsonDocumentCodec();
    /**
     * Ids per {@code $in} query. The Mongo-wire test server finds the candidates by index but then matches each
     * against the whole list (quadratic in its length); real MongoDB does not care. Small lists keep both fast.
     */
    static final int IDS_PER_QUERY = 250;
    /** The event ids a {@code processed_events} document marks (one such document per batch, its id the batch's token). */
    static final String MARKED_IDS = "ids";
    private static final String PROCESSED = "processed_events";
    /** Earlier versions kept the last tokens in an array; documents written by them may still carry it. */
    static final String LEGACY_GUARD_FIELD = "_batches";
    private static final Logger log = LoggerFactory.getLogger(IdempotentApplier.class);

    private final MongoTemplate mongo;
    private final String name;
    private final UnaryOperator<String> collectionNames;
    private final Counter applied;
    private final Counter duplicates;
    private final ExecutorService writers;
    /** Runs before every write of a batch; throws when this process may no longer write (see {@link #fencedBy}). */
    private volatile Runnable fence = () -> { };
    /** The longest any one database operation of a batch may take (0: no limit), see {@link #fencedBy(Runnable, Duration)}. */
    private volatile long operationTimeoutMillis;
    /** Interrupted batches {@link #apply} completed that no result has reported yet (guarded by this). */
    private int unreportedRecoveries;
    /** Collections whose documents no longer carry {@value #LEGACY_GUARD_FIELD} (checked once per process). */
    private final Set<String> upgraded = ConcurrentHashMap.newKeySet();
    /**
     * Whether a {@code processed_events} collection holds marks of earlier versions (one document per event), checked once
     * per collection and process: only earlier versions write them, so one that has none never gets any.
     */
    private final Map<String, Boolean> legacyMarks = new ConcurrentHashMap<>();

    /**
     * @param name            the projection's name, used in metric tags
     * @param collectionNames maps a logical collection name (also {@code processed_events} and
     *                        {@code ledger}) to the physical one, e.g. to write a fresh generation
     */
    public IdempotentApplier(MongoTemplate mongo, String name, UnaryOperator<String> collectionNames, MeterRegistry meters) {
        this(mongo, name, collectionNames, meters, null);
    }

    /**
     * @param writers runs a batch's writes (the processed-event marks, each collection's bulk write) side by side, or
     *                {@code null} to run them one after the other. They are independent of each other: the ledger entry
     *                written before them completes whichever did not finish. Side by side they keep more than one core
     *                of the database busy (the Mongo-wire test server serialises the operations on one collection).
     */
    public IdempotentApplier(MongoTemplate mongo, String name, UnaryOperator<String> collectionNames, MeterRegistry meters,
                             ExecutorService writers) {
        this.mongo = mongo;
        this.writers = writers;
        this.name = name;
        this.collectionNames = collectionNames;
        this.applied = Counter.builder("stemreach.events.applied").tag("projection", name)
                .description("events applied to projections").register(meters);
        this.duplicates = Counter.builder("stemreach.events.duplicates").tag("projection", name)
                .description("events ignored because they were applied before").register(meters);
    }

    /**
     * A check run before every write of a batch (the ledger entry, the marks, each collection's updates, the removal of
     * the entry): it throws when this process may no longer write, e.g. because another instance took over. A batch stopped
     * that way stays in the ledger, for whoever writes next to complete.
     */
    public IdempotentApplier fencedBy(Runnable check) {
        this.fence = check;
        return this;
    }

    /**
     * As {@link #fencedBy(Runnable)}, and every database operation of a batch ends within {@code operationTimeout}, done
     * or abandoned (the driver's client-side operation timeout, which also tells the server how long it may take): a write
     * that passed the check just in time cannot land after whoever writes next has looked at what this one left.
     */
    public IdempotentApplier fencedBy(Runnable check, Duration operationTimeout) {
        this.operationTimeoutMillis = operationTimeout.toMillis();
        return fencedBy(check);
    }

    private MongoCollection<BsonDocument> collection(String logical) {
        MongoCollection<BsonDocument> collection = mongo.getCollection(collectionNames.apply(logical)).withDocumentClass(BsonDocument.class);
        long timeout = operationTimeoutMillis;
        return timeout > 0 ? collection.withTimeout(timeout, TimeUnit.MILLISECONDS) : collection;
    }

    /**
     * What a call applied: the new events and the updates they made, merged per document (empty if none), and how many
     * batches an earlier, interrupted call left behind that this one completed first (their events are not among the new
     * ones: whoever mirrors the documents must read them again).
     */
    public record Result(int applied, int duplicates, List<ReceivedEvent> newEvents, List<DocumentUpdate> updates, int recovered) {
    }

    public synchronized Result apply(List<ReceivedEvent> events, Function<List<ReceivedEvent>, Collection<DocumentUpdate>> planner) {
        // Completed here but not yet told to a caller (a call that failed after its recovery): told with the next result.
        unreportedRecoveries += recover();
        List<ReceivedEvent> fresh = withoutProcessed(events);
        int skipped = events.size() - fresh.size();
        if (fresh.isEmpty()) {
            duplicates.increment(skipped);
            return new Result(0, skipped, List.of(), List.of(), takeRecoveries());
        }
        List<DocumentUpdate> updates = DocumentUpdate.mergeAll(planner.apply(fresh));
        duplicates.increment(skipped);
        String token = UUID.randomUUID().toString();
        // Built as BSON from the start: encoding thousands of small updates is most of a batch's own work.
        BsonArray planned = new BsonArray(updates.size());
        for (DocumentUpdate update : updates) {
            planned.add(new BsonDocument("c", new BsonString(update.collection())).append("id", BsonValues.of(update.id()))
                    .append("u", update.toUpdateDocument()));
        }
        BsonArray ids = new BsonArray(fresh.size());
        for (ReceivedEvent event : fresh) {
            ids.add(new BsonString(event.id()));
        }
        BsonDocument batch = new BsonDocument("events", ids).append("updates", planned);
        // The batch as one binary value: the database stores it without taking thousands of small documents apart.
        fence.run();
        ledger().insertOne(new BsonDocument("_id", new BsonString(token)).append(BATCH_FIELD, new BsonBinary(encode(batch)))
                .append("at", new BsonDateTime(System.currentTimeMillis())));
        finish(token, batch, false);
        applied.increment(fresh.size());
        return new Result(fresh.size(), skipped, fresh, updates, takeRecoveries());
    }

    private int takeRecoveries() {
        int recovered = unreportedRecoveries;
        unreportedRecoveries = 0;
        return recovered;
    }

    /** Completes every ledger entry a crashed or interrupted run left behind; answers how many there were. */
    public synchronized int recover() {
        ensureMarkIndex();
        int completed = 0;
        for (BsonDocument entry : ledger().find()) {
            fence.run();
            log.info("projection {}: completing interrupted batch {}", name, entry.getString("_id").getValue());
            // Entries of earlier versions hold the events and updates as fields of their own.
            BsonDocument batch = entry.containsKey(BATCH_FIELD) ? decode(entry.getBinary(BATCH_FIELD).getData()) : entry;
            finish(entry.getString("_id").getValue(), batch, true);
            completed++;
        }
        return completed;
    }

    /** Applies a batch (its event ids and updates) whose ledger entry is written, then removes that entry. */
    private void finish(String token, BsonDocument batch, boolean interrupted) {
        BsonString guard = new BsonString(token);
        Map<String, List<BsonDocument>> planned = new LinkedHashMap<>();
        for (BsonValue update : batch.getArray("updates")) {
            planned.computeIfAbsent(update.asDocument().getString("c").getValue(), c -> new ArrayList<>()).add(update.asDocument());
        }
        List<Callable<Void>> writes = new ArrayList<>();
        writes.add(() -> {
            fence.run();
            markProcessed(token, batch.getArray("events"));
            return null;
        });
        planned.forEach((collection, updates) -> writes.add(() -> {
            write(collection, updates, guard, interrupted);
            return null;
        }));
        runAll(writes);
        fence.run();
        ledger().deleteOne(Filters.eq("_id", token));
    }

    /** One collection's updates of a batch in one unordered bulk write, each also recording the batch's token. */
    private void write(String collection, List<BsonDocument> updates, BsonString guard, boolean interrupted) {
        fence.run();
        Set<BsonValue> done = interrupted ? carrying(collection, updates, guard.getValue()) : Set.of();
        MongoCollection<BsonDocument> documents = collection(collection);
        if (upgraded.add(documents.getNamespace().getFullName())) {
            // Once per collection and process, after any interrupted batch was completed (it may need the old field).
            // Not bounded: a whole collection once, and no batch's writes (documents carrying the field carry it either way).
            mongo.getCollection(collectionNames.apply(collection)).withDocumentClass(BsonDocument.class)
                    .updateMany(Filters.exists(LEGACY_GUARD_FIELD), Updates.unset(LEGACY_GUARD_FIELD));
        }
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        List<WriteModel<BsonDocument>> models = new ArrayList<>(updates.size());
        for (BsonDocument update : updates) {
            if (done.contains(update.get("id"))) {
                continue;
            }
            BsonDocument change = new BsonDocument();
            change.putAll(update.getDocument("u"));
            BsonDocument set = new BsonDocument();
            if (change.containsKey("$set")) {
                set.putAll(change.getDocument("$set"));
            }
            change.put("$set", set.append(GUARD_FIELD, guard));
            models.add(new UpdateOneModel<>(new BsonDocument("_id", update.get("id")), change, upsert));
        }
        if (!models.isEmpty()) {
            documents.bulkWrite(models, new BulkWriteOptions().ordered(false));
        }
    }

    private static byte[] encode(BsonDocument document) {
        try (BasicOutputBuffer buffer = new BasicOutputBuffer()) {
            BSON.encode(new BsonBinaryWriter(buffer), document, EncoderContext.builder().build());
            return buffer.toByteArray();
        }
    }

    private static BsonDocument decode(byte[] bytes) {
        return BSON.decode(new BsonBinaryReader(ByteBuffer.wrap(bytes)), DecoderContext.builder().build());
    }

    /** Runs every write, side by side if there are writers; waits for all of them, then rethrows the first failure. */
    private void runAll(List<Callable<Void>> writes) {
        if (writers == null || writes.size() == 1) {
            for (Callable<Void> write : writes) {
                call(write);
            }
            return;
        }
        List<Future<Void>> running = new ArrayList<>(writes.size());
        // The last write runs on this thread: one thread fewer to wait for.
        for (Callable<Void> write : writes.subList(0, writes.size() - 1)) {
            try {
                running.add(writers.submit(write));
            } catch (RejectedExecutionException e) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    call(write);
                    return null;
                }, Runnable::run));
            }
        }
        RuntimeException failure = null;
        try {
            call(writes.get(writes.size() - 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        // Wait for every write, even when interrupted: a write still running when the ledger entry is completed (the next
        // batch recovers it first) could land after the check of which documents it reached, and count twice.
        boolean interrupted = false;
        for (Future<Void> write : running) {
            while (true) {
                try {
                    write.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void call(Callable<Void> write) {
        try {
            write.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The documents of an interrupted batch that were updated before the interruption (they carry its token). */
    private Set<BsonValue> carrying(String collection, List<BsonDocument> updates, String token) {
        List<BsonValue> ids = updates.stream().map(u -> u.get("id")).toList();
        BsonString guard = new BsonString(token);
        Set<BsonValue> carrying = new HashSet<>();
        for (List<BsonValue> chunk : chunks(ids)) {
            for (BsonDocument document : collection(collection)
                    .find(Filters.in("_id", chunk)).projection(new Document(GUARD_FIELD, 1).append(LEGACY_GUARD_FIELD, 1))) {
                if (guard.equals(document.get(GUARD_FIELD))
                        || document.getArray(LEGACY_GUARD_FIELD, new BsonArray()).contains(guard)) {
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
        List<String> ids = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            ids.add(event.id());
        }
        Set<String> seen = processedAmong(ids);
        List<ReceivedEvent> fresh = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            if (seen.add(event.id())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /** Which of these event ids are marked as processed. */
    private Set<String> processedAmong(List<String> ids) {
        Set<String> marked = new HashSet<>();
        MongoCollection<BsonDocument> processed = processed();
        for (List<String> chunk : chunks(ids)) {
            // A batch that marked one of these ids comes back whole: rare (a redelivery), so only the ids asked for are kept.
            Set<String> asked = new HashSet<>(chunk);
            for (BsonDocument marks : processed.find(Filters.in(MARKED_IDS, chunk)).projection(new Document(MARKED_IDS, 1))) {
                for (BsonValue id : marks.getArray(MARKED_IDS)) {
                    if (asked.contains(id.asString().getValue())) {
                        marked.add(id.asString().getValue());
                    }
                }
            }
            if (legacyMarks.computeIfAbsent(processed.getNamespace().getFullName(),
                    name -> processed.find(Filters.exists(MARKED_IDS, false)).projection(new Document("_id", 1)).first() != null)) {
                // Marks of earlier versions: one document per event, its id the event's.
                for (BsonDocument done : processed.find(Filters.in("_id", chunk)).projection(new Document("_id", 1))) {
                    marked.add(done.getString("_id").getValue());
                }
            }
        }
        return marked;
    }

    /**
     * Marks a batch's events as processed: one document, so all of them or none. Marking the same batch again (completing
     * an interrupted one) changes nothing. Ids another batch marked already (only if two writers applied the same events,
     * which the fence is there to prevent) stay marked once, and the batch marks the others.
     */
    private void markProcessed(String token, BsonArray eventIds) {
        MongoCollection<BsonDocument> processed = processed();
        try {
            insertMarks(processed, token, eventIds);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            if (processed.find(Filters.eq("_id", token)).projection(new Document("_id", 1)).first() != null) {
                return; // this batch's marks, written by an earlier attempt
            }
            List<String> ids = new ArrayList<>(eventIds.size());
            eventIds.forEach(id -> ids.add(id.asString().getValue()));
            Set<String> markedBefore = processedAmong(ids);
            log.error("projection {}: {} events of batch {} were marked as applied by another batch", name, markedBefore.size(), token);
            BsonArray rest = new BsonArray();
            ids.stream().filter(id -> !markedBefore.contains(id)).forEach(id -> rest.add(new BsonString(id)));
            insertMarks(processed, token, rest);
        }
    }

    private static void insertMarks(MongoCollection<BsonDocument> processed, String token, BsonArray eventIds) {
        if (!eventIds.isEmpty()) {
            processed.insertOne(new BsonDocument("_id", new BsonString(token)).append(MARKED_IDS, eventIds)
                    .append("at", new BsonDateTime(System.currentTimeMillis())));
        }
    }

    /**
     * The unique index on the marked ids, made before they are looked up or written (a lookup without it reads every
     * mark). On every call, not once per process: a generation's collections may be dropped and made again, and making an
     * index that exists changes nothing. Sparse: marks of earlier versions (one document per event) have no such field.
     * Not bounded in time as the batch's operations are: on a collection of marks of an earlier version the first build
     * reads them all, and an index landing late harms nobody.
     */
    private void ensureMarkIndex() {
        mongo.getCollection(collectionNames.apply(PROCESSED)).withDocumentClass(BsonDocument.class)
                .createIndex(Indexes.ascending(MARKED_IDS), new IndexOptions().unique(true).sparse(true).name("marked_ids"));
    }

    private MongoCollection<BsonDocument> processed() {
        return collection(PROCESSED);
    }

    private MongoCollection<BsonDocument> ledger() {
        return collection("ledger");
    }
}
