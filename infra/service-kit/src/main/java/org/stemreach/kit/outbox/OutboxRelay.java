package org.stemreach.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Publishes the events waiting in aggregate documents' {@code outbox} arrays and removes each one
 * once Kafka acknowledged it (acks=all, idempotent producer).
 *
 * <ul>
 *   <li>Order: within one document events go out strictly in array order and the relay stops at the
 *       first failure, so one aggregate's events keep their order; documents are relayed in parallel.</li>
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

    private final MongoTemplate mongo;
    private final Supplier<List<String>> collections;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final ExecutorService senders;
    private final ConcurrentLinkedQueue<Hint> hints = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Counter published;
    private final Counter failures;
    private final AtomicInteger waitingDocuments = new AtomicInteger();
    /** Acknowledged events still in their documents, by collection and document id; only the relay thread uses it. */
    private final Map<String, Map<Object, Removal>> removals = new LinkedHashMap<>();
    private volatile boolean running;
    private volatile boolean brokerReachable = true;
    private Thread loop;

    public OutboxRelay(MongoTemplate mongo, Supplier<List<String>> collections, EventPublisher publisher,
                       OutboxProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.collections = collections;
        this.publisher = publisher;
        this.properties = properties;
        this.senders = Executors.newFixedThreadPool(properties.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.published = Counter.builder("stemreach.outbox.published")
                .description("events relayed to Kafka").register(meters);
        this.failures = Counter.builder("stemreach.outbox.failures")
                .description("relay passes that could not publish everything").register(meters);
        meters.gauge("stemreach.outbox.waiting.documents", waitingDocuments);
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

    @Override
    public void start() {
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
                loop.join(Duration.ofSeconds(10).toMillis());
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

    @Override
    public int getPhase() {
        // Start after and stop before the message binder (default phase).
        return Integer.MAX_VALUE - 1000;
    }

    private void run() {
        Duration backoff = properties.minBackoff();
        boolean scanDue = true;
        long lastScan = 0;
        while (running) {
            boolean failed;
            try {
                if (scanDue || System.nanoTime() - lastScan > properties.scanInterval().toNanos()) {
                    failed = scanAll();
                    lastScan = System.nanoTime();
                } else {
                    failed = relayHinted();
                }
                removeAcknowledged(false);
            } catch (RuntimeException e) {
                log.warn("outbox relay pass failed: {}", e.toString());
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
            if (!brokerReachable) {
                log.info("outbox relay publishes again");
            }
            brokerReachable = true;
            backoff = properties.minBackoff();
            scanDue = false;
            pause(removals.isEmpty() ? properties.scanInterval() : min(properties.scanInterval(), properties.removalDelay()), true);
        }
        try {
            removeAcknowledged(true);
        } catch (RuntimeException e) {
            log.warn("could not remove published events on shutdown (they will be published again): {}", e.toString());
        }
    }

    /** Relays every document some writer pointed at. Returns whether anything failed. */
    private boolean relayHinted() {
        Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
        for (Hint hint; (hint = hints.poll()) != null; ) {
            byCollection.computeIfAbsent(hint.collection(), c -> new LinkedHashSet<>()).add(hint.id());
        }
        boolean failed = false;
        for (Map.Entry<String, Set<Object>> entry : byCollection.entrySet()) {
            List<Object> ids = new ArrayList<>(entry.getValue());
            for (int from = 0; from < ids.size(); from += properties.batchSize()) {
                List<Object> slice = ids.subList(from, Math.min(ids.size(), from + properties.batchSize()));
                Query query = new Query(Criteria.where("_id").in(slice));
                query.fields().include(HasOutbox.FIELD);
                failed |= relay(entry.getKey(), mongo.find(query, Document.class, entry.getKey()));
            }
        }
        return failed;
    }

    /** Relays every document that has pending events, in every outbox collection. */
    private boolean scanAll() {
        hints.clear();
        boolean failed = false;
        int waiting = 0;
        for (String collection : collections.get()) {
            Query query = new Query(Criteria.where(HasOutbox.FIELD + ".0").exists(true));
            query.fields().include(HasOutbox.FIELD);
            List<Document> documents = mongo.find(query, Document.class, collection);
            waiting += documents.size();
            for (int from = 0; from < documents.size() && !failed; from += properties.batchSize()) {
                failed = relay(collection, documents.subList(from, Math.min(documents.size(), from + properties.batchSize())));
            }
        }
        waitingDocuments.set(failed ? waiting : 0);
        return failed;
    }

    /**
     * Publishes the documents' events (documents in parallel, each one's in order), skipping those already
     * acknowledged and waiting for their removal.
     */
    private boolean relay(String collection, List<Document> documents) {
        Map<Object, Removal> waiting = removals.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        List<CompletableFuture<Relayed>> results = new ArrayList<>(documents.size());
        for (Document document : documents) {
            Removal removal = waiting.get(document.get("_id"));
            Set<String> acknowledged = removal == null ? Set.of() : Set.copyOf(removal.eventIds());
            results.add(CompletableFuture.supplyAsync(() -> relayDocument(collection, document, acknowledged), senders));
        }
        boolean failed = false;
        int count = 0;
        long now = System.nanoTime();
        for (CompletableFuture<Relayed> future : results) {
            Relayed result = future.join();
            failed |= !result.complete();
            if (!result.done().isEmpty()) {
                waiting.computeIfAbsent(result.id(), id -> new Removal(now, new ArrayList<>())).eventIds().addAll(result.done());
                count += result.done().size();
            }
        }
        published.increment(count);
        return failed;
    }

    /** Acknowledged events of one document, waiting since {@code since} (nanoTime) to be removed. */
    private record Removal(long since, List<String> eventIds) {
    }

    /**
     * Removes acknowledged events from their documents, all of one document in one update: those waiting longer
     * than {@code removal-delay}, or all of them ({@code everything}, on shutdown). What cannot be removed now
     * is tried again on the next pass (the relay keeps skipping it).
     */
    private void removeAcknowledged(boolean everything) {
        long dueBefore = System.nanoTime() - properties.removalDelay().toNanos();
        for (Map.Entry<String, Map<Object, Removal>> byCollection : removals.entrySet()) {
            List<Object> due = new ArrayList<>();
            List<WriteModel<Document>> updates = new ArrayList<>();
            byCollection.getValue().forEach((id, removal) -> {
                if (everything || removal.since() - dueBefore <= 0) {
                    due.add(id);
                    updates.add(new UpdateOneModel<>(new Document("_id", id), new Document("$pull",
                            new Document(HasOutbox.FIELD, new Document(EVENT_ID, new Document("$in", removal.eventIds()))))));
                }
            });
            for (int from = 0; from < updates.size(); from += properties.batchSize()) {
                int to = Math.min(updates.size(), from + properties.batchSize());
                mongo.getCollection(byCollection.getKey()).bulkWrite(updates.subList(from, to), new BulkWriteOptions().ordered(false));
                due.subList(from, to).forEach(byCollection.getValue()::remove);
            }
        }
        // Nothing waiting in a collection: forget it, so that the relay only wakes for removals when there are some.
        removals.values().removeIf(Map::isEmpty);
    }

    /** What was published of one document: the acknowledged event ids, and whether that was all of them. */
    private record Relayed(Object id, List<String> done, boolean complete) {
    }

    /** Publishes one document's events in order, stopping at the first that cannot be published. */
    private Relayed relayDocument(String collection, Document document, Set<String> acknowledged) {
        List<String> done = new ArrayList<>();
        boolean complete = true;
        for (Document event : document.getList(HasOutbox.FIELD, Document.class, List.of())) {
            String id = event.getString(EVENT_ID);
            if (acknowledged.contains(id)) {
                continue;
            }
            try {
                publisher.publish(event.getString("topic"), event.getString("key"), event.getString("payload"));
                done.add(id);
            } catch (RuntimeException e) {
                if (brokerReachable) {
                    log.warn("could not publish event {} ({}) from {}, will retry: {}", id, event.getString("type"), collection, e.toString());
                } else {
                    log.debug("still cannot publish event {} from {}: {}", id, collection, e.toString());
                }
                complete = false;
                break;
            }
        }
        return new Relayed(document.get("_id"), done, complete);
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration, boolean wakeOnHint) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (running && nanos > 0 && !(wakeOnHint && !hints.isEmpty())) {
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
