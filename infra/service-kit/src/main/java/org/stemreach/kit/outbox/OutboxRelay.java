package org.stemreach.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Publishes the events waiting in aggregate documents' {@code outbox} arrays and removes each one
 * once Kafka acknowledged it (acks=all, idempotent producer).
 *
 * <ul>
 *   <li>Order: within one document events go out strictly in array order, each after the broker acknowledged
 *       the one before, and the relay stops at the first failure, so one aggregate's events keep their order.</li>
 *   <li>Throughput: no thread waits for an acknowledgement ({@link EventPublisher} answers a future). Hinted
 *       documents are read and sent while earlier ones still wait for theirs (up to four batches' worth), so the
 *       producer batches them and a slow acknowledgement does not hold the next documents back.</li>
 *   <li>Latency: writers tell the relay which document they wrote ({@link #nudge}); it reads those by
 *       {@code _id} (an index every Mongo-wire server has) and publishes at once.</li>
 *   <li>Nothing lost: a full scan of every outbox collection runs at start-up, periodically and after
 *       failures, so events whose hint was lost (crash, restart) still go out.</li>
 *   <li>Kafka down: nothing is removed, the relay retries with back-off; writes keep succeeding.</li>
 *   <li>Removal: what Kafka acknowledged is removed from the documents {@code removal-delay} later, the events
 *       of one document acknowledged meanwhile in one update (an aggregate written several times a second
 *       is then rewritten once for all of them, not once per event); until then the relay skips them.</li>
 *   <li>A crash between the acknowledgement and the removal publishes an event again: consumers are
 *       idempotent by event id.</li>
 * </ul>
 * One relay per service instance (several instances would each publish, still correct but wasteful).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The field of a pending event that holds its id. */
    static final String EVENT_ID = "eventId";
    /** The field of a pending event that holds when it was written. */
    static final String CREATED_AT = "createdAt";
    /** Spring Cloud Stream's {@code InputBindingLifecycle} phase: its consumers stop before the relay does. */
    static final int INPUT_BINDINGS_PHASE = Integer.MAX_VALUE - 3000;
    /** How long the last pass after a stop may take to send what was written since the pass before. */
    static final Duration LAST_PASS = Duration.ofSeconds(5);
    /** Every how many periodic scans one looks at every document with pending events, whatever their time. */
    static final int FULL_SCAN_EVERY = 10;
    /** How many batches' worth of documents may be waiting for acknowledgements at once. */
    static final int BATCHES_IN_FLIGHT = 4;

    private final MongoTemplate mongo;
    private final Supplier<List<String>> collections;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    /** Made anew by every {@link #start()}: a relay stopped and started again (a lifecycle restart) sends again. */
    private volatile ExecutorService senders;
    private final ConcurrentLinkedQueue<Hint> hints = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Counter published;
    private final Timer delay;
    private final Counter failures;
    private final Counter unreadable;
    private final AtomicInteger waitingDocuments = new AtomicInteger();
    /** Documents whose acknowledged events wait for their removal (a gauge; the relay thread sets it). */
    private final AtomicInteger removalsWaiting = new AtomicInteger();
    /** Acknowledged events still in their documents, by collection and document id; only the relay thread uses it. */
    private final Map<String, Map<Object, Removal>> removals = new LinkedHashMap<>();
    /** Documents whose events are being sent; only the relay thread uses it. */
    private final Set<Hint> inFlight = new HashSet<>();
    /** Documents hinted (written again) while in flight: read again once their sends are settled; relay thread only. */
    private final Set<Hint> rehint = new HashSet<>();
    /** Results of documents' sends, handed from the producer's and senders' threads to the relay thread. */
    private final ConcurrentLinkedQueue<Settled> settled = new ConcurrentLinkedQueue<>();
    /** Counts the starts: a send of an earlier run that settles late only tells what was acknowledged. */
    private volatile int run;
    /** Set once a failure was logged as a warning; the following ones are logged at debug until publishing works again. */
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile boolean running;
    /** Until when the last pass after a stop may send (relay thread only); see {@link #sending()}. */
    private long lastPassUntil;
    private boolean lastPass;
    private volatile boolean brokerReachable = true;
    private Thread loop;

    public OutboxRelay(MongoTemplate mongo, Supplier<List<String>> collections, EventPublisher publisher,
                       OutboxProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.collections = collections;
        this.publisher = publisher;
        this.properties = properties;
        this.senders = newSenders();
        this.published = Counter.builder("stemreach.outbox.published")
                .description("events relayed to Kafka").register(meters);
        this.delay = Timer.builder("stemreach.outbox.delay")
                .description("from writing an event into its document to the broker's acknowledgement")
                .publishPercentileHistogram().register(meters);
        this.failures = Counter.builder("stemreach.outbox.failures")
                .description("relay passes that could not publish everything").register(meters);
        this.unreadable = Counter.builder("stemreach.outbox.unreadable")
                .description("documents passed over because their outbox could not be read (each time they are met)").register(meters);
        meters.gauge("stemreach.outbox.waiting.documents", waitingDocuments);
        Gauge.builder("stemreach.outbox.removals.waiting", removalsWaiting, AtomicInteger::get)
                .description("documents whose acknowledged events wait to be removed").register(meters);
    }

    /** Hints not taken yet (for tests). */
    int hintsWaiting() {
        return hints.size();
    }

    /** Tells the relay that the document {@code id} in {@code collection} has new outbox events. */
    public void nudge(String collection, Object id) {
        hints.add(new Hint(collection, id));
        signal();
    }

    /** True unless the last publish attempt failed. */
    public boolean isBrokerReachable() {
        return brokerReachable;
    }

    private ExecutorService newSenders() {
        return Executors.newFixedThreadPool(properties.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        if (senders.isShutdown()) {
            senders = newSenders();
        }
        // Sends a stop gave up waiting for belong to the run before: its documents are found again by the first scan.
        run++;
        inFlight.clear();
        rehint.clear();
        running = true;
        loop = new Thread(this::run, "outbox-relay");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void stop() {
        running = false;
        signal();
        if (loop != null) {
            try {
                loop.join(LAST_PASS.plusSeconds(7).toMillis()); // the last pass, then 5 s for its acknowledgements
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server's graceful drain and its stop, and after the bindings that consume (a request answered,
     * or a message taken, during the drain writes events that the relay's last pass still sends); stops before the
     * output bindings and the Kafka producer it sends through, and starts after them.
     */
    static final int PHASE = Math.min(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE, INPUT_BINDINGS_PHASE) - 1000;

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * The relay thread: takes the results of sends as they come in, reads the hinted documents and sends their
     * events while earlier documents still wait for their acknowledgements (up to {@link #maxInFlight()} documents),
     * scans now and then, and removes acknowledged events. A document is never sent twice at once: written again
     * while in flight, it is read again once its sends are settled.
     */
    private void run() {
        Duration backoff = properties.minBackoff();
        boolean scanDue = true;
        long lastScan = 0;
        int periodicScans = 0;
        while (running) {
            boolean failed;
            try {
                failed = settle();
                if (!failed && (scanDue || System.nanoTime() - lastScan > properties.scanInterval().toNanos())) {
                    // After a start or a failure every document with pending events; otherwise only those whose first
                    // pending event is older than a scan interval (their hint was lost: another instance crashed), and
                    // every FULL_SCAN_EVERY-th time all of them again: a crashed writer whose clock ran ahead dated its
                    // events in the future, where "older than" would not find them for as long.
                    boolean full = scanDue || ++periodicScans % FULL_SCAN_EVERY == 0;
                    failed = scanAll(full ? null : Instant.now().minus(properties.scanInterval()), scanDue);
                    lastScan = System.nanoTime();
                    scanDue = false;
                }
                if (!failed) {
                    failed = relayHinted();
                }
                removeAcknowledged(false);
            } catch (RuntimeException e) {
                log.warn("outbox relay pass failed: {}", e.toString());
                failed = true;
            } catch (Error e) {
                // Out of memory in a scan, say: the thread must not end, or nothing would publish until a restart while
                // requests go on writing events (and hints pile up). The pass counts as failed; the next one scans all.
                log.error("outbox relay pass failed; it tries again after its back-off", e);
                failed = true;
            }
            if (failed) {
                failures.increment();
                brokerReachable = false;
                pause(backoff, false);
                backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
                scanDue = true;
                continue;
            }
            if (inFlight.isEmpty()) {
                reachable();
            }
            backoff = properties.minBackoff();
            if (!removalDue()) {
                pause(removals.isEmpty() ? properties.scanInterval() : min(properties.scanInterval(), properties.removalDelay()), true);
            }
        }
        try {
            if (brokerReachable && !hints.isEmpty()) {
                // What the last requests wrote (during the web server's drain) is sent now, not at the next start.
                lastPass = true;
                lastPassUntil = System.nanoTime() + LAST_PASS.toNanos();
                try {
                    relayHinted();
                } finally {
                    lastPass = false;
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            settle();
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                awaitSettled(Duration.ofMillis(100));
                settle();
            }
            removeAcknowledged(true);
        } catch (RuntimeException e) {
            log.warn("could not remove published events on shutdown (they will be published again): {}", e.toString());
        }
    }

    /** Whether the relay may send more: it runs, or it makes its last pass after a stop and has time left for it. */
    private boolean sending() {
        return running || (lastPass && System.nanoTime() - lastPassUntil < 0);
    }

    private int maxInFlight() {
        return properties.batchSize() * BATCHES_IN_FLIGHT;
    }

    /**
     * Takes the results of the documents whose sends are over: what was acknowledged waits for its removal, documents
     * written again meanwhile are read again. Returns whether any could not publish everything.
     */
    private boolean settle() {
        boolean failed = false;
        int count = 0;
        long now = System.nanoTime();
        for (Settled done; (done = settled.poll()) != null; ) {
            Relayed result = done.result();
            boolean current = done.run() == run;
            if (current) {
                inFlight.remove(done.document());
                failed |= !result.complete();
            }
            if (!result.done().isEmpty()) {
                removals.computeIfAbsent(done.document().collection(), c -> new LinkedHashMap<>())
                        .computeIfAbsent(result.id(), id -> new Removal(now, new ArrayList<>())).eventIds().addAll(result.done());
                count += result.done().size();
            }
            if (current && rehint.remove(done.document())) {
                hints.add(done.document());
            }
        }
        if (count > 0) {
            removalsWaiting.set(removals.values().stream().mapToInt(Map::size).sum());
        }
        published.increment(count);
        if (count > 0 && !failed) {
            reachable();
        }
        return failed;
    }

    /**
     * Waits (settling what comes in) until {@code more} documents can be sent or the relay stops; returns whether any
     * settled failed. With {@code removeMeanwhile} it removes acknowledged events that are due while it waits, so that
     * removals keep pace with a steady stream of hints; only for callers that read their documents afterwards (a copy
     * read before a removal would send the removed events again).
     */
    private boolean awaitRoom(int more, boolean removeMeanwhile) {
        boolean failed = settle();
        while (sending() && inFlight.size() + more > maxInFlight() && !inFlight.isEmpty()) {
            if (!removeMeanwhile || removeAcknowledged(false) == 0) {
                awaitSettled(Duration.ofSeconds(1));
            }
            failed |= settle();
        }
        return failed;
    }

    /** Relays every document some writer pointed at. Returns whether anything failed. */
    private boolean relayHinted() {
        Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
        for (Hint hint; (hint = hints.poll()) != null; ) {
            if (inFlight.contains(hint)) {
                rehint.add(hint);
            } else {
                byCollection.computeIfAbsent(hint.collection(), c -> new LinkedHashSet<>()).add(hint.id());
            }
        }
        List<Map.Entry<String, Set<Object>>> collections = new ArrayList<>(byCollection.entrySet());
        for (int c = 0; c < collections.size(); c++) {
            Map.Entry<String, Set<Object>> entry = collections.get(c);
            List<Object> ids = new ArrayList<>(entry.getValue());
            for (int from = 0; from < ids.size(); from += properties.batchSize()) {
                List<Object> slice = ids.subList(from, Math.min(ids.size(), from + properties.batchSize()));
                if (awaitRoom(slice.size(), true)) {
                    // The full scan that follows a failure finds the documents of the hints not taken yet.
                    return true;
                }
                if (!sending()) {
                    // Stopped meanwhile: the documents not read yet stay hinted, for the last pass.
                    ids.subList(from, ids.size()).forEach(id -> hints.add(new Hint(entry.getKey(), id)));
                    collections.subList(c + 1, collections.size()).forEach(rest ->
                            rest.getValue().forEach(id -> hints.add(new Hint(rest.getKey(), id))));
                    return false;
                }
                Query query = new Query(Criteria.where("_id").in(slice));
                query.fields().include(HasOutbox.FIELD);
                for (Document document : mongo.find(query, Document.class, entry.getKey())) {
                    startReadable(entry.getKey(), document);
                }
            }
        }
        return false;
    }

    /**
     * Relays every document that has pending events, in every outbox collection; with {@code writtenBefore}, only
     * those whose first pending event was written before then (or has no time). Returns whether anything failed.
     */
    private boolean scanAll(Instant writtenBefore, boolean afresh) {
        if (afresh) {
            // After a start or a failure the scan finds everything the hints named: they go. A periodic scan keeps them
            // (a stop during it still sends what they name).
            hints.clear();
        }
        int waiting = 0;
        boolean failed = false;
        for (String collection : collections.get()) {
            Criteria pending = Criteria.where(HasOutbox.FIELD + ".0").exists(true);
            if (writtenBefore != null) {
                // "not at or after": also documents whose first event has no time (or not a date)
                pending = pending.and(HasOutbox.FIELD + ".0." + CREATED_AT).not().gte(Date.from(writtenBefore));
            }
            Query query = new Query(pending);
            query.fields().include(HasOutbox.FIELD);
            // Read through a cursor: a backlog after a long outage need not fit in memory at once.
            int seen = 0;
            try (java.util.stream.Stream<Document> documents = mongo.stream(query, Document.class, collection)) {
                for (java.util.Iterator<Document> it = documents.iterator(); it.hasNext(); ) {
                    Document document = it.next();
                    seen++;
                    Hint key = new Hint(collection, document.get("_id"));
                    if (inFlight.contains(key)) {
                        rehint.add(key);
                        continue;
                    }
                    if (!readable(collection, document) || nothingToSend(collection, document)) {
                        continue;
                    }
                    // No removals while waiting: these documents were read before them.
                    if (failed || (failed = awaitRoom(1, false)) || !running) {
                        break;
                    }
                    start(collection, document);
                }
            }
            waiting += failed ? (int) Math.min(Integer.MAX_VALUE, mongo.count(query, collection)) : seen;
        }
        waitingDocuments.set(failed ? waiting : 0);
        return failed;
    }

    /** The ids of a document's events that were acknowledged and wait for their removal. */
    private Set<String> acknowledged(String collection, Object id) {
        Removal removal = removals.getOrDefault(collection, Map.of()).get(id);
        return removal == null ? Set.of() : Set.copyOf(removal.eventIds());
    }

    /** Whether every event in the document was acknowledged and waits for its removal. */
    private boolean nothingToSend(String collection, Document document) {
        Set<String> acknowledged = acknowledged(collection, document.get("_id"));
        return document.getList(HasOutbox.FIELD, Document.class, List.of()).stream()
                .allMatch(event -> acknowledged.contains(event.getString(EVENT_ID)));
    }

    /**
     * Whether every entry of a document's outbox is an event the relay can send (an id, a topic, a key). One that is not
     * (written by hand, or by a faulty version) holds back its own document, which is reported and counted each time it
     * is met, and nothing else: the other documents are still published.
     */
    private boolean readable(String collection, Document document) {
        try {
            for (Document event : document.getList(HasOutbox.FIELD, Document.class, List.of())) {
                if (event.getString(EVENT_ID) == null || event.getString("topic") == null || event.getString("key") == null
                        || event.getString("payload") == null) {
                    throw new IllegalArgumentException("an event without id, topic, key or payload: " + event.keySet());
                }
            }
            return true;
        } catch (RuntimeException e) {
            unreadable.increment();
            log.error("outbox of {} {} cannot be relayed, its events are held back until it is repaired: {}", collection,
                    document.get("_id"), e.toString());
            return false;
        }
    }

    private void startReadable(String collection, Document document) {
        if (readable(collection, document)) {
            start(collection, document);
        }
    }

    /** Starts sending one document's events (skipping those acknowledged and waiting for their removal). */
    private void start(String collection, Document document) {
        if (nothingToSend(collection, document)) {
            return;
        }
        Hint key = new Hint(collection, document.get("_id"));
        Set<String> acknowledged = acknowledged(collection, key.id());
        inFlight.add(key);
        int mine = run;
        relayDocument(collection, document, acknowledged).thenAccept(result -> {
            settled.add(new Settled(key, result, mine));
            signal();
        });
    }

    /** The outcome of one document's sends, for the relay thread. */
    private record Settled(Hint document, Relayed result, int run) {
    }

    private void reachable() {
        if (!brokerReachable) {
            log.info("outbox relay publishes again");
        }
        brokerReachable = true;
        failureLogged.set(false);
    }

    /** Acknowledged events of one document, waiting since {@code since} (nanoTime) to be removed. */
    private record Removal(long since, List<String> eventIds) {
    }

    /**
     * Removes acknowledged events from their documents, all of one document in one update: those waiting longer
     * than {@code removal-delay}, at most {@link #maxInFlight()} documents per call so that publishing goes on in
     * between (after a backlog, tens of thousands may be due at once), or all of them ({@code everything}, on
     * shutdown). What cannot be removed now is tried again on the next pass (the relay keeps skipping it).
     * Returns how many documents it updated.
     */
    private int removeAcknowledged(boolean everything) {
        long dueBefore = System.nanoTime() - properties.removalDelay().toNanos();
        int budget = everything ? Integer.MAX_VALUE : maxInFlight();
        int removed = 0;
        for (Map.Entry<String, Map<Object, Removal>> byCollection : removals.entrySet()) {
            List<Object> due = new ArrayList<>();
            List<WriteModel<Document>> updates = new ArrayList<>();
            // In the order they were acknowledged: the first one not due yet ends the due ones.
            for (Map.Entry<Object, Removal> waiting : byCollection.getValue().entrySet()) {
                if (!everything && waiting.getValue().since() - dueBefore > 0) {
                    break;
                }
                if (due.size() == budget) {
                    break;
                }
                due.add(waiting.getKey());
                updates.add(new UpdateOneModel<>(new Document("_id", waiting.getKey()), new Document("$pull",
                        new Document(HasOutbox.FIELD, new Document(EVENT_ID, new Document("$in", waiting.getValue().eventIds()))))));
            }
            budget -= due.size();
            for (int from = 0; from < updates.size(); from += properties.batchSize()) {
                int to = Math.min(updates.size(), from + properties.batchSize());
                mongo.getCollection(byCollection.getKey()).bulkWrite(updates.subList(from, to), new BulkWriteOptions().ordered(false));
                due.subList(from, to).forEach(byCollection.getValue()::remove);
                removed += to - from;
            }
        }
        // Nothing waiting in a collection: forget it, so that the relay only wakes for removals when there are some.
        removals.values().removeIf(Map::isEmpty);
        removalsWaiting.set(removals.values().stream().mapToInt(Map::size).sum());
        return removed;
    }

    /** Whether some acknowledged events have waited {@code removal-delay} (the oldest of each collection comes first). */
    private boolean removalDue() {
        long dueBefore = System.nanoTime() - properties.removalDelay().toNanos();
        return removals.values().stream().anyMatch(waiting -> !waiting.isEmpty()
                && waiting.values().iterator().next().since() - dueBefore <= 0);
    }

    /** What was published of one document: the acknowledged event ids, and whether that was all of them. */
    private record Relayed(Object id, List<String> done, boolean complete) {
    }

    /**
     * Publishes one document's events in order: each one once the broker acknowledged the one before (so a failure
     * cannot leave a later event published and an earlier one not), stopping at the first that cannot be published.
     * The sends are handed to the producer on the sender threads, never on the producer's own thread that completes
     * the acknowledgements. The result never completes exceptionally.
     */
    private CompletableFuture<Relayed> relayDocument(String collection, Document document, Set<String> acknowledged) {
        List<String> done = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Document event : document.getList(HasOutbox.FIELD, Document.class, List.of())) {
            String id = event.getString(EVENT_ID);
            if (acknowledged.contains(id)) {
                continue;
            }
            Date createdAt = event.get(CREATED_AT) instanceof Date date ? date : null;
            chain = chain.thenComposeAsync(previous -> publisher.publish(event.getString("topic"), event.getString("key"),
                    event.getString("payload")), senders).thenRun(() -> {
                done.add(id);
                if (createdAt != null) {
                    delay.record(Math.max(0, System.currentTimeMillis() - createdAt.getTime()), TimeUnit.MILLISECONDS);
                }
            });
        }
        return chain.handle((ignored, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                String next = document.getList(HasOutbox.FIELD, Document.class, List.of()).stream().map(e -> e.getString(EVENT_ID))
                        .filter(e -> !acknowledged.contains(e) && !done.contains(e)).findFirst().orElse("?");
                if (failureLogged.compareAndSet(false, true)) {
                    log.warn("could not publish event {} from {}, will retry: {}", next, collection, cause.toString());
                } else {
                    log.debug("still cannot publish event {} from {}: {}", next, collection, cause.toString());
                }
            }
            return new Relayed(document.get("_id"), List.copyOf(done), failure == null);
        });
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a result of sends comes in, at most {@code duration}. */
    private void awaitSettled(Duration duration) {
        await(duration, () -> !settled.isEmpty());
    }

    /** Waits {@code duration}, or until there is work ({@code wakeOnWork}: a hint or a result of sends), or the relay stops. */
    private void pause(Duration duration, boolean wakeOnWork) {
        await(duration, () -> !running || (wakeOnWork && (!hints.isEmpty() || !settled.isEmpty())));
    }

    private void await(Duration duration, BooleanSupplier until) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (nanos > 0 && !until.getAsBoolean()) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Hint(String collection, Object id) {
    }
}
