package org.stemreach.kit.consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.TestMongo;
import org.stemreach.kit.events.ReceivedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the real Mongo-wire server of the test backends. */
class IdempotentApplierIT {

    private final MongoTemplate mongo = TestMongo.freshDatabase();
    private final ExecutorService writers = Executors.newFixedThreadPool(2);

    /** Every event adds one to "counters/total" and one to "counters/<subject>". */
    private final Function<List<ReceivedEvent>, Collection<DocumentUpdate>> countEvents = events -> {
        List<DocumentUpdate> updates = new ArrayList<>();
        for (ReceivedEvent event : events) {
            updates.add(DocumentUpdate.of("counters", "total").inc("n", 1));
            updates.add(DocumentUpdate.of("per_subject", event.subject()).inc("n", 1).setOnInsert("subject", event.subject()));
        }
        return updates;
    };

    private static ReceivedEvent event(String subject) {
        return new ReceivedEvent(UUID.randomUUID().toString(), "/test", "stemreach.test.counted.v1", Instant.now(), subject, null);
    }

    /** Collection names as they are, except that the first use of {@code collection} throws ("a crash"). */
    private static UnaryOperator<String> crashingOnceAt(String collection) {
        AtomicBoolean crash = new AtomicBoolean(true);
        return name -> {
            if (name.equals(collection) && crash.getAndSet(false)) {
                throw new IllegalStateException("simulated crash");
            }
            return name;
        };
    }

    private IdempotentApplier applier(UnaryOperator<String> names) {
        return new IdempotentApplier(mongo, "test", names, new SimpleMeterRegistry());
    }

    private IdempotentApplier sideBySide(UnaryOperator<String> names) {
        return new IdempotentApplier(mongo, "test", names, new SimpleMeterRegistry(), writers);
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    private long count(String collection, String id) {
        Document document = mongo.getCollection(collection).find(new Document("_id", id)).first();
        return document == null ? 0 : ((Number) document.get("n")).longValue();
    }

    @Test
    void appliesEachEventOnceHoweverOftenItArrives() {
        IdempotentApplier applier = applier(UnaryOperator.identity());
        ReceivedEvent a = event("a");
        ReceivedEvent b = event("b");

        IdempotentApplier.Result first = applier.apply(List.of(a, b, a), countEvents);
        IdempotentApplier.Result again = applier.apply(List.of(b, a), countEvents);
        applier.apply(List.of(event("a")), countEvents);

        assertThat(first.applied()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(again.applied()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(count("counters", "total")).isEqualTo(3);
        assertThat(count("per_subject", "a")).isEqualTo(2);
        assertThat(count("per_subject", "b")).isEqualTo(1);
    }

    @Test
    void marksABatchsEventsInOneDocument() {
        IdempotentApplier applier = applier(UnaryOperator.identity());
        ReceivedEvent a = event("a");
        ReceivedEvent b = event("b");

        applier.apply(List.of(a, b, a), countEvents);
        applier.apply(List.of(event("c")), countEvents);

        assertThat(mongo.getCollection("processed_events").countDocuments()).isEqualTo(2);
        Document first = mongo.getCollection("processed_events").find(new Document(IdempotentApplier.MARKED_IDS, a.id())).first();
        assertThat(first.getList(IdempotentApplier.MARKED_IDS, String.class)).containsExactly(a.id(), b.id());
    }

    @Test
    void honoursTheOneDocumentPerEventMarksOfEarlierVersions() {
        IdempotentApplier applier = applier(UnaryOperator.identity());
        ReceivedEvent old = event("a");
        mongo.getCollection("processed_events").insertOne(new Document("_id", old.id()).append("at", new java.util.Date()));

        IdempotentApplier.Result result = applier.apply(List.of(old, event("b")), countEvents);

        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(count("per_subject", "a")).isZero();
        assertThat(count("per_subject", "b")).isEqualTo(1);
    }

    @Test
    void anEventMarkedByAnotherBatchStaysMarkedOnceAndTheBatchMarksTheRest() {
        IdempotentApplier applier = applier(UnaryOperator.identity());
        ReceivedEvent a = event("a");
        applier.apply(List.of(a), countEvents);
        ReceivedEvent b = event("b");
        // A ledger entry that also holds a: as if a second writer had planned it before the first one's marks landed.
        mongo.getCollection("ledger").insertOne(new Document("_id", "other").append("events", List.of(a.id(), b.id()))
                .append("updates", List.of()));

        applier.recover();

        assertThat(markedIds("processed_events")).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(applier.apply(List.of(a, b), countEvents).duplicates()).isEqualTo(2);
        assertThat(mongo.getCollection("ledger").countDocuments()).isZero();
    }

    @Test
    void everyOperationOfABatchBoundedInTimeStillAppliesItOnce() {
        IdempotentApplier applier = sideBySide(UnaryOperator.identity()).fencedBy(() -> { }, java.time.Duration.ofSeconds(5));
        ReceivedEvent a = event("a");

        applier.apply(List.of(a, event("b")), countEvents);
        applier.apply(List.of(a), countEvents);

        assertThat(count("counters", "total")).isEqualTo(2);
        assertThat(count("per_subject", "a")).isEqualTo(1);
        assertThat(mongo.getCollection("ledger").countDocuments()).isZero();
    }

    @Test
    void anOperationThatOutlastsItsBoundFailsTheBatchWhichTheNextCallCompletesOnce() {
        IdempotentApplier bounded = applier(UnaryOperator.identity()).fencedBy(() -> { }, java.time.Duration.ofMillis(1));
        ReceivedEvent a = event("a");

        // With one millisecond some operation of some batch runs out of time (the driver's client-side timeout): wherever
        // in the batch that happens, before its ledger entry or halfway through its writes.
        List<ReceivedEvent> tried = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 500; i++) {
                ReceivedEvent each = event("e" + i);
                tried.add(each);
                bounded.apply(List.of(each), countEvents);
            }
        }).isInstanceOf(com.mongodb.MongoOperationTimeoutException.class);
        ReceivedEvent interrupted = tried.get(tried.size() - 1);

        IdempotentApplier next = applier(UnaryOperator.identity());
        next.apply(List.of(a), countEvents);
        assertThat(mongo.getCollection("ledger").countDocuments()).as("whatever was stopped is completed").isZero();
        assertThat(count("per_subject", "a")).isEqualTo(1);
        // Kafka delivers the interrupted batch again: it counts once, whether it had been completed or never begun.
        next.apply(List.of(interrupted), countEvents);
        assertThat(count("per_subject", interrupted.subject())).isEqualTo(1);
        assertThat(count("counters", "total")).isEqualTo(tried.size() + 1);
    }

    @Test
    void finishesABatchThatWasInterruptedHalfwayWithoutCountingAnythingTwice() {
        // The second collection's write "crashes" once, after the first collection was already updated.
        IdempotentApplier crashing = applier(crashingOnceAt("per_subject"));
        ReceivedEvent a = event("a");
        ReceivedEvent b = event("b");

        assertThatThrownBy(() -> crashing.apply(List.of(a, b), countEvents)).hasMessage("simulated crash");
        assertThat(count("counters", "total")).isEqualTo(2);
        assertThat(mongo.getCollection("ledger").countDocuments()).isEqualTo(1);

        // A restarted consumer (a new applier) gets the same records again, as Kafka redelivers them.
        IdempotentApplier restarted = applier(UnaryOperator.identity());
        IdempotentApplier.Result redelivered = restarted.apply(List.of(a, b), countEvents);

        assertThat(redelivered.applied()).isZero();
        assertThat(count("counters", "total")).isEqualTo(2);
        assertThat(count("per_subject", "a")).isEqualTo(1);
        assertThat(count("per_subject", "b")).isEqualTo(1);
        assertThat(mongo.getCollection("ledger").countDocuments()).isZero();
    }

    @Test
    void aBatchStoppedByItsFenceHalfwayIsCompletedOnceByTheNextWriter() {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        // This instance loses its turn after two of its writes (the ledger entry and the marks); the next one takes over.
        IdempotentApplier stopped = applier(UnaryOperator.identity()).fencedBy(() -> {
            if (checks.incrementAndGet() > 2) {
                throw new IllegalStateException("not the writer any more");
            }
        });
        ReceivedEvent a = event("a");

        assertThatThrownBy(() -> stopped.apply(List.of(a), countEvents)).hasMessage("not the writer any more");
        assertThat(count("counters", "total")).as("stopped before its updates").isZero();
        assertThatThrownBy(stopped::recover).as("nor does it complete the batch").hasMessage("not the writer any more");
        assertThat(count("counters", "total")).isZero();

        IdempotentApplier next = applier(UnaryOperator.identity());
        IdempotentApplier.Result result = next.apply(List.of(a), countEvents);

        assertThat(result.recovered()).as("the interrupted batch, completed first").isEqualTo(1);
        assertThat(result.applied()).as("its event was marked by the interrupted attempt").isZero();
        assertThat(count("counters", "total")).isEqualTo(1);
        assertThat(count("per_subject", "a")).isEqualTo(1);
        assertThat(mongo.getCollection("ledger").countDocuments()).isZero();
    }

    @Test
    void aRecoveryInACallWhosePlannerFailedIsReportedByTheNextCall() {
        IdempotentApplier crashing = applier(crashingOnceAt("per_subject"));
        ReceivedEvent a = event("a");
        assertThatThrownBy(() -> crashing.apply(List.of(a), countEvents)).hasMessage("simulated crash");

        IdempotentApplier restarted = applier(UnaryOperator.identity());
        ReceivedEvent b = event("b");
        // The interrupted batch is completed, then planning the new one fails (e.g. its dead letter could not be sent) ...
        assertThatThrownBy(() -> restarted.apply(List.of(b), fresh -> {
            throw new IllegalStateException("planner failed");
        })).hasMessage("planner failed");
        assertThat(mongo.getCollection("ledger").countDocuments()).isZero();
        // ... and the batch that comes again still tells its caller that documents changed beyond its own updates.
        IdempotentApplier.Result again = restarted.apply(List.of(b), countEvents);

        assertThat(again.recovered()).isEqualTo(1);
        assertThat(again.applied()).isEqualTo(1);
        assertThat(restarted.apply(List.of(event("c")), countEvents).recovered()).as("told once").isZero();
    }

    @Test
    void recoveringTheSameLedgerEntryTwiceChangesNothing() {
        IdempotentApplier applier = applier(UnaryOperator.identity());
        applier.apply(List.of(event("a")), countEvents);
        Document guarded = mongo.getCollection("counters").find(new Document("_id", "total")).first();
        String token = guarded.getString(IdempotentApplier.GUARD_FIELD);
        // Put the finished batch's ledger entry back, as if the process died just before deleting it.
        mongo.getCollection("ledger").insertOne(new Document("_id", token).append("events", List.of())
                .append("updates", List.of(new Document("c", "counters").append("id", "total")
                        .append("u", new Document("$inc", new Document("n", 1L))))));

        applier.recover();
        applier.recover();

        assertThat(count("counters", "total")).isEqualTo(1);
    }

    @Test
    void recognisesBatchesRecordedByEarlierVersionsInTheTokenArray() {
        IdempotentApplier applier = applier(UnaryOperator.identity());
        // Written by a version that kept the last tokens in an array, then interrupted before its ledger entry went.
        mongo.getCollection("counters").insertOne(new Document("_id", "total").append("n", 1L)
                .append("_batches", List.of("earlier", "interrupted")));
        mongo.getCollection("ledger").insertOne(new Document("_id", "interrupted").append("events", List.of())
                .append("updates", List.of(new Document("c", "counters").append("id", "total")
                        .append("u", new Document("$inc", new Document("n", 1L))))));

        applier.recover();
        applier.apply(List.of(event("b")), countEvents);

        assertThat(count("counters", "total")).isEqualTo(2);
        assertThat(mongo.getCollection("counters").find(new Document("_id", "total")).first()).doesNotContainKey("_batches");
    }

    @Test
    void writesSideBySideGiveTheSameDocumentsAsOneAfterTheOther() {
        ReceivedEvent a = event("a");
        ReceivedEvent b = event("b");
        ReceivedEvent c = event("c");
        applier(name -> "serial_" + name).apply(List.of(a, b, a), countEvents);
        applier(name -> "serial_" + name).apply(List.of(c, b), countEvents);
        sideBySide(name -> "parallel_" + name).apply(List.of(a, b, a), countEvents);
        IdempotentApplier.Result again = sideBySide(name -> "parallel_" + name).apply(List.of(c, b), countEvents);

        assertThat(again.applied()).isEqualTo(1);
        for (String collection : List.of("counters", "per_subject")) {
            assertThat(withoutTokens("parallel_" + collection)).isEqualTo(withoutTokens("serial_" + collection)).isNotEmpty();
        }
        assertThat(markedIds("parallel_processed_events")).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(markedIds("serial_processed_events")).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(count("parallel_counters", "total")).isEqualTo(3);
    }

    @Test
    void aFailedWriteSideBySideWaitsForTheOthersAndIsCompletedOnceLater() {
        AtomicBoolean crash = new AtomicBoolean(true);
        CountDownLatch failed = new CountDownLatch(1);
        // The last collection's write (on the applying thread) fails first; the other one only starts after that failure,
        // so apply must wait for it before it reports the failure.
        IdempotentApplier crashing = sideBySide(name -> {
            if (name.equals("per_subject") && crash.getAndSet(false)) {
                failed.countDown();
                throw new IllegalStateException("simulated crash");
            }
            if (name.equals("counters")) {
                awaitQuietly(failed);
            }
            return name;
        });
        ReceivedEvent a = event("a");
        ReceivedEvent b = event("b");

        assertThatThrownBy(() -> crashing.apply(List.of(a, b), countEvents)).hasMessage("simulated crash");
        assertThat(count("counters", "total")).isEqualTo(2);
        assertThat(count("per_subject", "a")).isZero();
        assertThat(mongo.getCollection("ledger").countDocuments()).isEqualTo(1);

        IdempotentApplier.Result redelivered = sideBySide(UnaryOperator.identity()).apply(List.of(a, b), countEvents);

        assertThat(redelivered.applied()).isZero();
        assertThat(count("counters", "total")).isEqualTo(2);
        assertThat(count("per_subject", "a")).isEqualTo(1);
        assertThat(count("per_subject", "b")).isEqualTo(1);
        assertThat(mongo.getCollection("ledger").countDocuments()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every event id the marks of this version in this collection hold, once per mark. */
    private List<String> markedIds(String collection) {
        List<String> ids = new ArrayList<>();
        for (Document marks : mongo.getCollection(collection).find(new Document(IdempotentApplier.MARKED_IDS, new Document("$exists", true)))) {
            ids.addAll(marks.getList(IdempotentApplier.MARKED_IDS, String.class));
        }
        return ids;
    }

    /** A collection's documents without the batch tokens and times, which differ between runs. */
    private List<Document> withoutTokens(String collection) {
        List<Document> documents = new ArrayList<>();
        for (Document document : mongo.getCollection(collection).find().sort(new Document("_id", 1))) {
            document.remove(IdempotentApplier.GUARD_FIELD);
            document.remove("at");
            documents.add(document);
        }
        return documents;
    }
}
