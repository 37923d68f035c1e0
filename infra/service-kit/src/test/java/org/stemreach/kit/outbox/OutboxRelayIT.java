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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay against the real Mongo-wire server, with a publisher that can be made to fail like an absent broker. */
class OutboxRelayIT {

    private static final String COLLECTION = "aggregates";

    private final MongoTemplate mongo = TestMongo.freshDatabase();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private final EventPublisher publisher = (topic, key, payload) -> {
        if (brokerDown.get()) {
            throw new IllegalStateException("broker unreachable");
        }
        published.add(key + ":" + payload);
    };
    private final OutboxRelay relay = new OutboxRelay(mongo, () -> List.of(COLLECTION), publisher,
            new OutboxProperties(Duration.ofMillis(300), 50, 4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2)),
            new SimpleMeterRegistry());

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    private void write(String aggregate, String... payloads) {
        Update update = new Update();
        update.push(HasOutbox.FIELD).each((Object[]) java.util.Arrays.stream(payloads)
                .map(p -> new Document("eventId", aggregate + "-" + p).append("type", "t").append("topic", "topic")
                        .append("key", aggregate).append("payload", p).append("createdAt", Instant.now()))
                .toArray(Document[]::new));
        mongo.upsert(new Query(Criteria.where("_id").is(aggregate)), update, COLLECTION);
        relay.nudge(COLLECTION, aggregate);
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
    void findsEventsWhoseWriterNeverToldIt() {
        // Written before the relay started, as after a crash: no hint, only the scan finds it.
        mongo.upsert(new Query(Criteria.where("_id").is("c")), new Update().push(HasOutbox.FIELD,
                new Document("eventId", "c-1").append("topic", "topic").append("key", "c").append("payload", "1")), COLLECTION);

        relay.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published).containsExactly("c:1"));
    }
}
