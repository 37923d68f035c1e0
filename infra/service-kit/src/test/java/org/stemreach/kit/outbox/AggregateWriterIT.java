package org.stemreach.kit.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.TestMongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many writers of one aggregate while the relay publishes: every event goes out exactly once. */
class AggregateWriterIT {

    @Document("counters")
    static class Counter implements HasOutbox {
        @Id
        String id;
        @Version
        Long version;
        int value;
        List<OutboxEvent> outbox = new ArrayList<>();

        @Override
        public List<OutboxEvent> outbox() {
            return outbox;
        }
    }

    @Document("plans")
    static class Plan implements HasOutbox {
        record Item(String name, Instant at) {
        }

        @Id
        String id;
        @Version
        Long version;
        String title;
        String note;
        Instant due;
        Item lead;
        List<Item> items = new ArrayList<>();
        List<OutboxEvent> outbox = new ArrayList<>();

        @Override
        public List<OutboxEvent> outbox() {
            return outbox;
        }
    }

    private final MongoTemplate mongo = TestMongo.freshDatabase();
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final List<String> publishedInOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    private final OutboxRelay relay = new OutboxRelay(mongo, () -> List.of("counters"), (topic, key, payload) -> {
        published.add(payload);
        publishedInOrder.add(payload);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }, new OutboxProperties(Duration.ofSeconds(30), 50, 4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(200)), new SimpleMeterRegistry());
    private final AggregateWriter writer = new AggregateWriter(mongo, relay);

    @AfterEach
    void stop() {
        relay.stop();
    }

    @Test
    void concurrentWritersLoseNoEventAndRepublishNone() throws Exception {
        Counter counter = new Counter();
        counter.id = "c1";
        mongo.insert(counter);
        relay.start();
        ExecutorService writers = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            done.add(writers.submit(() -> {
                while (true) {
                    Counter current = mongo.findById("c1", Counter.class);
                    current.value++;
                    String id = UUID.randomUUID().toString();
                    OutboxEvent event = new OutboxEvent(id, "t", "topic", "c1", "value-" + current.value, Instant.now());
                    if (writer.update(current, List.of(event))) {
                        return;
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        writers.shutdown();

        await().atMost(Duration.ofSeconds(20)).until(() -> published.size() == 300);
        assertThat(mongo.findById("c1", Counter.class).value).isEqualTo(300);
        assertThat(publishedInOrder).hasSize(300).doesNotHaveDuplicates();
        // Acknowledged events leave the document a little later (removal-delay), without being published again.
        await().atMost(Duration.ofSeconds(5)).until(() -> mongo.findById("c1", Counter.class).outbox.isEmpty());
        assertThat(publishedInOrder).hasSize(300);
    }

    @Test
    void answersTheWrittenDocumentSoTheNextChangeNeedNotReadItAgain() {
        Counter counter = new Counter();
        counter.id = "c2";
        mongo.insert(counter);
        org.bson.Document loaded = mongo.findById("c2", org.bson.Document.class, "counters");
        Counter first = mongo.getConverter().read(Counter.class, loaded);
        first.value = 1;

        org.bson.Document written = writer.updateAndGet(first, loaded, List.of(event("one")));

        org.bson.Document stored = mongo.findById("c2", org.bson.Document.class, "counters");
        assertThat(written.get("_id")).isEqualTo(stored.get("_id"));
        assertThat(written.get("value")).isEqualTo(stored.get("value")).isEqualTo(1);
        assertThat(((Number) written.get("version")).longValue()).isEqualTo(((Number) stored.get("version")).longValue()).isEqualTo(1L);
        assertThat((List<?>) written.get(HasOutbox.FIELD)).isEmpty();
        assertThat((List<?>) stored.get(HasOutbox.FIELD)).hasSize(1);

        Counter second = mongo.getConverter().read(Counter.class, written);
        second.value = 2;
        assertThat(writer.updateAndGet(second, written, List.of(event("two")))).isNotNull();
        // The same document again is stale now: nothing is written.
        Counter stale = mongo.getConverter().read(Counter.class, written);
        stale.value = 3;
        assertThat(writer.updateAndGet(stale, written, List.of(event("three")))).isNull();

        Counter now = mongo.findById("c2", Counter.class);
        assertThat(now.value).isEqualTo(2);
        assertThat(now.outbox).extracting(OutboxEvent::payload).containsExactly("one", "two");
    }

    @Test
    void storesWhatTheConverterWritesForTheWholeAggregate() {
        insertPlan("p1");
        org.bson.Document loaded = mongo.findById("p1", org.bson.Document.class, "plans");
        Plan changed = mongo.getConverter().read(Plan.class, loaded);
        changed.title = "second";
        changed.note = null;
        changed.lead = new Plan.Item("lead", Instant.parse("2026-02-01T10:15:30Z"));
        changed.items.add(new Plan.Item("b", Instant.parse("2026-03-01T00:00:00Z")));
        changed.items.add(new Plan.Item("c", null));
        List<OutboxEvent> events = List.of(event("one"), event("two"));

        assertThat(writer.updateAndGet(changed, loaded, events)).isNotNull();

        // Set, unset, pushed list elements and events: the stored document is the one a full save would write.
        changed.version = changed.version + 1;
        changed.outbox.addAll(events);
        org.bson.Document expected = new org.bson.Document();
        mongo.getConverter().write(changed, expected);
        org.bson.Document stored = mongo.findById("p1", org.bson.Document.class, "plans");
        assertThat(stored).isEqualTo(expected);
        assertThat(stored).doesNotContainKey("note");
        Plan read = mongo.findById("p1", Plan.class);
        assertThat(read.items).extracting(Plan.Item::name).containsExactly("a", "b", "c");
        assertThat(read.outbox).extracting(OutboxEvent::payload).containsExactly("one", "two");
    }

    @Test
    void withoutTheLoadedDocumentSetsEveryFieldAndUnsetsTheAbsentOnes() {
        insertPlan("p2");
        Plan changed = mongo.findById("p2", Plan.class);
        changed.note = null;
        changed.due = Instant.parse("2026-05-01T08:00:00Z");
        changed.items.add(new Plan.Item("b", null));

        assertThat(writer.update(changed, List.of(event("one")))).isTrue();

        changed.version = changed.version + 1;
        org.bson.Document expected = new org.bson.Document();
        mongo.getConverter().write(changed, expected);
        org.bson.Document stored = mongo.findById("p2", org.bson.Document.class, "plans");
        assertThat(stored).doesNotContainKey("note");
        assertThat(stored.get(HasOutbox.FIELD, List.class)).hasSize(1);
        stored.remove(HasOutbox.FIELD);
        expected.remove(HasOutbox.FIELD);
        assertThat(stored).isEqualTo(expected);
    }

    private void insertPlan(String id) {
        Plan plan = new Plan();
        plan.id = id;
        plan.title = "first";
        plan.note = "to be removed";
        plan.due = Instant.parse("2026-01-12T09:00:00Z");
        plan.items.add(new Plan.Item("a", Instant.parse("2026-01-01T00:00:00Z")));
        mongo.insert(plan);
    }

    private static OutboxEvent event(String payload) {
        return new OutboxEvent(UUID.randomUUID().toString(), "t", "topic", "c2", payload, Instant.now());
    }
}
