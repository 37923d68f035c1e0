package org.stemreach.kit.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.stemreach.kit.TestMongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay against the real Mongo-wire server, with a publisher that can be made to fail like an absent broker. */
class OutboxRelayIT {

    private static final String COLLECTION = "aggregates";

    private final MongoTemplate mongo = TestMongo.freshDatabase();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    /** Sends held back until the test acknowledges them, when {@link #holdAcknowledgements} is set. */
    private final BlockingQueue<Send> held = new LinkedBlockingQueue<>();
    private final AtomicBoolean holdAcknowledgements = new AtomicBoolean();
    private final EventPublisher publisher = (topic, key, payload) -> {
        if (brokerDown.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unreachable"));
        }
        if (holdAcknowledgements.get()) {
            Send send = new Send(key + ":" + payload, new CompletableFuture<>());
            held.add(send);
            return send.acknowledged().thenRun(() -> published.add(send.record()));
        }
        published.add(key + ":" + payload);
        return CompletableFuture.completedFuture(null);
    };
    private final OutboxRelay relay = new OutboxRelay(mongo, () -> List.of(COLLECTION), publisher,
            new OutboxProperties(Duration.ofMillis(300), 50, 4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2)),
            new SimpleMeterRegistry());

    private record Send(String record, CompletableFuture<Void> acknowledged) {
    }

    @AfterEach
    void stopRelay() {
        held.forEach(send -> send.acknowledged().completeExceptionally(new IllegalStateException("test over")));
        relay.stop();
    }

    private void write(String aggregate, String... payloads) {
        writeTo(relay, aggregate, payloads);
    }

    private void writeTo(OutboxRelay target, String aggregate, String... payloads) {
        Update update = new Update();
        update.push(HasOutbox.FIELD).each((Object[]) java.util.Arrays.stream(payloads)
                .map(p -> new Document("eventId", aggregate + "-" + p).append("type", "t").append("topic", "topic")
                        .append("key", aggregate).append("payload", p).append("createdAt", Instant.now()))
                .toArray(Document[]::new));
        mongo.upsert(new Query(Criteria.where("_id").is(aggregate)), update, COLLECTION);
        target.nudge(COLLECTION, aggregate);
    }

    private long pendingEvents() {
        return mongo.findAll(Document.class, COLLECTION).stream()
                .mapToLong(d -> d.getList(HasOutbox.FIELD, Document.class, List.of()).size()).sum();
    }

    @Test
    void publishesEveryEventOnceInOrderAndEmptiesTheOutbox() {
        relay.start();

        write("a", "1", "2");
        write("b", "1");
        write("a", "3");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).hasSize(4));
        assertThat(published.stream().filter(p -> p.startsWith("a:"))).containsExactly("a:1", "a:2", "a:3");
        // Acknowledged events stay two seconds before they are removed; scans and hints meanwhile skip them.
        assertThat(pendingEvents()).isPositive();
        write("a", "4");
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingEvents() == 0);
        assertThat(published).hasSize(5);
        assertThat(published.stream().filter(p -> p.startsWith("a:"))).containsExactly("a:1", "a:2", "a:3", "a:4");
    }

    @Test
    void keepsEventsWhileTheBrokerIsAwayAndSendsThemOnceWhenItReturns() {
        brokerDown.set(true);
        relay.start();

        write("a", "1");
        write("a", "2");
        write("b", "1");

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> pendingEvents() == 3);
        assertThat(relay.isBrokerReachable()).isFalse();

        brokerDown.set(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> pendingEvents() == 0);
        assertThat(published).containsExactlyInAnyOrder("a:1", "a:2", "b:1");
        assertThat(published.indexOf("a:1")).isLessThan(published.indexOf("a:2"));
        assertThat(relay.isBrokerReachable()).isTrue();
    }

    @Test
    void anErrorInAPassDoesNotEndTheRelay() {
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        OutboxRelay failingOnce = new OutboxRelay(mongo, () -> {
            if (scans.getAndIncrement() == 0) {
                throw new OutOfMemoryError("a scan that ran out of memory (test)");
            }
            return List.of(COLLECTION);
        }, publisher, new OutboxProperties(Duration.ofMillis(300), 50, 4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2)),
                new SimpleMeterRegistry());
        failingOnce.start();
        try {
            writeTo(failingOnce, "a", "1");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactly("a:1"));
            assertThat(scans.get()).as("the first scan failed").isGreaterThan(1);
        } finally {
            failingOnce.stop();
        }
    }

    @Test
    void hasEveryDocumentInFlightAtOnceWithoutWaitingForAcknowledgements() throws InterruptedException {
        holdAcknowledgements.set(true);
        for (int i = 0; i < 20; i++) {
            write("d" + i, "1");
        }
        relay.start();

        // Four sender threads, twenty documents: all twenty sends are made before any is acknowledged.
        List<Send> sends = new ArrayList<>();
        while (sends.size() < 20) {
            Send send = held.poll(10, TimeUnit.SECONDS);
            assertThat(send).as("send %d of 20 before any acknowledgement", sends.size() + 1).isNotNull();
            sends.add(send);
        }
        sends.forEach(send -> send.acknowledged().complete(null));

        await().atMost(Duration.ofSeconds(5)).until(() -> pendingEvents() == 0);
        assertThat(published).hasSize(20);
    }

    @Test
    void sendsADocumentsNextEventOnlyAfterTheBrokerAcknowledgedTheOneBefore() throws InterruptedException {
        holdAcknowledgements.set(true);
        write("a", "1", "2");
        relay.start();

        Send first = held.poll(10, TimeUnit.SECONDS);
        assertThat(first.record()).isEqualTo("a:1");
        assertThat(held.poll(300, TimeUnit.MILLISECONDS)).as("a:2 waits for a:1's acknowledgement").isNull();

        // The broker refuses a:1: a:2 is not sent in that pass either; the retry sends a:1 again, then a:2.
        first.acknowledged().completeExceptionally(new IllegalStateException("not acknowledged"));
        Send retry = held.poll(10, TimeUnit.SECONDS);
        assertThat(retry.record()).isEqualTo("a:1");
        retry.acknowledged().complete(null);
        Send second = held.poll(10, TimeUnit.SECONDS);
        assertThat(second.record()).isEqualTo("a:2");
        second.acknowledged().complete(null);

        await().atMost(Duration.ofSeconds(5)).until(() -> pendingEvents() == 0);
        assertThat(published).containsExactly("a:1", "a:2");
    }

    @Test
    void aSlowAcknowledgementHoldsBackNeitherOtherDocumentsNorItsOwnNextEvents() throws InterruptedException {
        holdAcknowledgements.set(true);
        relay.start();
        write("slow", "1");
        Send slow = held.poll(10, TimeUnit.SECONDS);
        assertThat(slow.record()).isEqualTo("slow:1");

        // Written while slow:1 waits: another document goes out at once; the same document waits for its turn.
        write("slow", "2");
        write("other", "1");
        Send other = held.poll(10, TimeUnit.SECONDS);
        assertThat(other.record()).isEqualTo("other:1");
        other.acknowledged().complete(null);
        assertThat(held.poll(300, TimeUnit.MILLISECONDS)).as("slow:2 is not sent while slow:1 is in flight").isNull();

        slow.acknowledged().complete(null);
        Send next = held.poll(10, TimeUnit.SECONDS);
        assertThat(next.record()).as("read again once slow:1 is settled").isEqualTo("slow:2");
        next.acknowledged().complete(null);

        await().atMost(Duration.ofSeconds(5)).until(() -> pendingEvents() == 0);
        assertThat(published).containsExactly("other:1", "slow:1", "slow:2");
    }

    @Test
    void aRemovalBacklogLargerThanOnePassIsRemovedInSeveral() {
        // 250 documents: more than the 200 (four batches of 50) whose events one pass removes.
        for (int i = 0; i < 250; i++) {
            write("many" + i, "1");
        }
        relay.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> pendingEvents() == 0);
        assertThat(published).hasSize(250);
    }

    @Test
    void removesAcknowledgedEventsWhileItWaitsForRoomToSendMore() throws InterruptedException {
        holdAcknowledgements.set(true);
        relay.start();
        for (int i = 0; i < 10; i++) {
            write("early" + i, "1");
        }
        List<Send> early = new ArrayList<>();
        while (early.size() < 10) {
            Send send = held.poll(10, TimeUnit.SECONDS);
            assertThat(send).as("early send %d", early.size() + 1).isNotNull();
            early.add(send);
        }
        // 250 more documents, more than the 200 the relay keeps in flight: it sends what it can and waits for room,
        // as under a steady stream of writes.
        for (int i = 0; i < 250; i++) {
            write("late" + i, "1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() > 150);

        // The early ones are acknowledged: their removal falls due 2 s later, while the relay still waits for room.
        early.forEach(send -> send.acknowledged().complete(null));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingEvents() == 250);
        assertThat(published).hasSize(10);
        assertThat(held).as("some documents still wait for room").hasSizeLessThan(250);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (Send send; (send = held.poll()) != null; ) {
                send.acknowledged().complete(null);
            }
            return pendingEvents() == 0;
        });
        assertThat(published).hasSize(260).doesNotHaveDuplicates();
    }

    @Test
    void findsEventsWrittenWithoutAHintWhileItRuns() {
        relay.start();
        // A hinted document published: the first scan (of everything) is over.
        write("hinted", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> published.contains("hinted:1"));

        // As if other instances wrote them (just now, an hour ago, at no known time) and crashed before publishing:
        // no hint here, found by the periodic scans once they are older than a scan interval (300 ms here).
        Instant now = Instant.now();
        List<Document> events = List.of(new Document("createdAt", now), new Document("createdAt", now.minus(Duration.ofHours(1))),
                new Document());
        for (int i = 0; i < events.size(); i++) {
            String id = "unhinted" + i;
            mongo.upsert(new Query(Criteria.where("_id").is(id)), new Update().push(HasOutbox.FIELD, new Document(events.get(i))
                    .append("eventId", id + "-1").append("topic", "topic").append("key", id).append("payload", "1")), COLLECTION);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published)
                .containsExactlyInAnyOrder("hinted:1", "unhinted0:1", "unhinted1:1", "unhinted2:1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingEvents() == 0);
    }

    @Test
    void findsEventsACrashedWriterDatedInTheFutureWithinAFewScans() {
        relay.start();
        write("hinted", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> published.contains("hinted:1"));

        // Written without a hint by an instance whose clock ran an hour ahead, which then crashed.
        mongo.upsert(new Query(Criteria.where("_id").is("ahead")), new Update().push(HasOutbox.FIELD, new Document("createdAt",
                Instant.now().plus(Duration.ofHours(1))).append("eventId", "ahead-1").append("topic", "topic").append("key", "ahead")
                .append("payload", "1")), COLLECTION);

        // Scans every 300 ms here, a full one every tenth: found in a few seconds, not in an hour.
        await().atMost(Duration.ofSeconds(15)).until(() -> published.contains("ahead:1"));
    }

    @Test
    void findsEventsWhoseWriterNeverToldIt() {
        // Written before the relay started, as after a crash: no hint, only the scan finds it.
        mongo.upsert(new Query(Criteria.where("_id").is("c")), new Update().push(HasOutbox.FIELD,
                new Document("eventId", "c-1").append("topic", "topic").append("key", "c").append("payload", "1")), COLLECTION);

        relay.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactly("c:1"));
    }

    @Test
    void anOutboxThatCannotBeReadHoldsBackOnlyItsOwnDocument() {
        // Written by hand or by a faulty version: an event without id, and an entry that is not an event at all.
        mongo.upsert(new Query(Criteria.where("_id").is("broken")), new Update().push(HasOutbox.FIELD,
                new Document("topic", "topic").append("key", "broken").append("payload", "1")), COLLECTION);
        mongo.upsert(new Query(Criteria.where("_id").is("odd")), new Update().push(HasOutbox.FIELD, "not an event"), COLLECTION);
        mongo.upsert(new Query(Criteria.where("_id").is("numeric")), new Update().push(HasOutbox.FIELD,
                new Document("eventId", "n-1").append("topic", "topic").append("key", "numeric").append("payload", 42)), COLLECTION);
        mongo.upsert(new Query(Criteria.where("_id").is("c")), new Update().push(HasOutbox.FIELD,
                new Document("eventId", "c-1").append("topic", "topic").append("key", "c").append("payload", "1")), COLLECTION);

        relay.start();
        write("a", "1");
        relay.nudge(COLLECTION, "broken");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactlyInAnyOrder("c:1", "a:1"));
        write("a", "2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactlyInAnyOrder("c:1", "a:1", "a:2"));
        assertThat(mongo.findById("broken", Document.class, COLLECTION).getList(HasOutbox.FIELD, Object.class)).as("kept").hasSize(1);
    }

    @Test
    void aRelayStoppedAndStartedAgainPublishesAgain() {
        relay.start();
        write("a", "1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactly("a:1"));

        relay.stop();
        relay.start();
        write("a", "2");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactly("a:1", "a:2"));
    }

    @Test
    void whatWasWrittenJustBeforeTheStopIsSentByTheStop() {
        relay.start();
        write("a", "1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactly("a:1"));

        // a request answered during the web server's drain, just before the relay stops
        write("a", "2");
        write("b", "1");
        relay.stop();

        assertThat(published).containsExactlyInAnyOrder("a:1", "a:2", "b:1");
    }

    @Test
    void documentsTakenButNotYetReadWhenTheStopCameAreSentByTheLastPass() {
        // One document per batch and four batches in flight: four unacknowledged sends fill the relay.
        OutboxRelay small = new OutboxRelay(mongo, () -> List.of(COLLECTION), publisher,
                new OutboxProperties(Duration.ofMillis(300), 1, 4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2)),
                new SimpleMeterRegistry());
        holdAcknowledgements.set(true);
        small.start();
        try {
            for (String aggregate : List.of("a", "b", "c", "d")) {
                writeTo(small, aggregate, "1");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 4);
            writeTo(small, "e", "1");
            writeTo(small, "f", "1");
            // e taken (f too, or still hinted if it came after e was taken), waiting for room
            await().atMost(Duration.ofSeconds(10)).until(() -> small.hintsWaiting() < 2);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(small::stop);
            await().atMost(Duration.ofSeconds(10)).until(() -> !small.isRunning());
            holdAcknowledgements.set(false);
            held.forEach(send -> send.acknowledged().complete(null));
            stopping.join();

            assertThat(published).contains("e:1", "f:1");
        } finally {
            small.stop();
        }
    }

    @Test
    void stopsAfterTheWebServerAndTheConsumersAndBeforeTheProducer() {
        assertThat(relay.getPhase())
                .isLessThan(org.springframework.boot.web.server.context.WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
                .isLessThan(new org.springframework.cloud.stream.binding.InputBindingLifecycle(null, null).getPhase())
                .isGreaterThan(new org.springframework.cloud.stream.binding.OutputBindingLifecycle(null, null).getPhase());
    }

    @Test
    void aSendLeftUnansweredByAStopIsMadeAgainAfterTheNextStart() throws InterruptedException {
        holdAcknowledgements.set(true);
        relay.start();
        write("a", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);

        relay.stop(); // the broker never answers that send
        holdAcknowledgements.set(false);
        relay.start();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(published).contains("a:1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingEvents() == 0);
    }
}
