package org.stemreach.analytics.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.testsupport.MutableClock;
import org.stemreach.testsupport.TestBackends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two analytics instances on one database: one writes the projections, the other waits, and takes over when it may. */
class ProjectionLeaseIT {

    private static final MongoClient client = MongoClients.create(TestBackends.endpoints().mongoUri());
    private static final Duration TTL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<String> happened = new ArrayList<>();
    private ProjectionLease first;
    private ProjectionLease second;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        MongoTemplate mongo = new MongoTemplate(client, "lease-" + UUID.randomUUID().toString().substring(0, 8));
        first = lease(mongo, "first", TTL);
        second = lease(mongo, "second", TTL);
    }

    private ProjectionLease lease(MongoTemplate mongo, String name, Duration ttl) {
        ProjectionLease lease = new ProjectionLease(mongo, clock, ttl, name);
        lease.onAcquired(() -> happened.add(name + " acquired"));
        lease.onLost(() -> happened.add(name + " lost"));
        return lease;
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void oneInstanceWritesAndTheOtherWaitsAsStandby() {
        first.renew();
        second.renew();
        first.renew();

        assertThat(first.isHeld()).isTrue();
        assertThat(first.isStandby()).isFalse();
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(second.isHeld()).isFalse();
        assertThat(second.isStandby()).isTrue();
        assertThat(second.holder()).isEqualTo("first");
        assertThat(first.epoch()).as("a renewal keeps the epoch").isEqualTo(1);
        assertThat(happened).containsExactly("first acquired");
    }

    @Test
    void theStandbyTakesOverOnlyOnceTheLeaseRanOutAndTheOldHolderThenStops() {
        first.renew();
        clock.advance(TTL.minusSeconds(1));
        second.renew();
        assertThat(second.isHeld()).as("not before the lease ran out").isFalse();

        clock.advance(Duration.ofSeconds(2));
        second.renew();
        first.renew();

        assertThat(second.isHeld()).isTrue();
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(first.isHeld()).isFalse();
        assertThat(first.isStandby()).isTrue();
        assertThat(happened).containsExactly("first acquired", "second acquired", "first lost");
    }

    @Test
    void aStoppingHolderReleasesTheLeaseSoTheStandbyTakesOverAtOnce() {
        first.renew();
        second.renew();

        first.release();
        second.renew();

        assertThat(first.isHeld()).isFalse();
        assertThat(second.isHeld()).isTrue();
        assertThat(second.epoch()).isEqualTo(2);
    }

    @Test
    void aHolderThatCannotRenewStopsCountingItselfTheHolderBeforeTheLeaseRunsOutForOthers() {
        MongoTemplate mongo = new MongoTemplate(client, "lease-" + UUID.randomUUID().toString().substring(0, 8));
        ProjectionLease shortLived = lease(mongo, "short", Duration.ofSeconds(3));
        shortLived.renew();
        assertThat(shortLived.isHeld()).isTrue();

        // No renewal (a pause, the database away): two thirds of the time to live later it no longer writes.
        await().atMost(Duration.ofSeconds(10)).until(() -> !shortLived.isHeld());
    }

    @Test
    void aListenerThatFailsOnTakingTheLeaseGivesItBackAndTheNextRenewalTriesAgain() {
        MongoTemplate mongo = new MongoTemplate(client, "lease-" + UUID.randomUUID().toString().substring(0, 8));
        ProjectionLease failing = lease(mongo, "failing", TTL);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        failing.onAcquired(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database went away while reading the generation");
            }
        });
        ProjectionLease other = lease(mongo, "other", TTL);

        failing.renew();
        assertThat(failing.isHeld()).isFalse();
        other.renew();
        assertThat(other.isHeld()).as("the lease went back: another instance may take it at once").isTrue();
        other.release();
        failing.renew();

        assertThat(failing.isHeld()).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(happened).containsExactly("failing acquired", "failing lost", "other acquired", "failing acquired");
    }

    @Test
    void aHolderWhoseLeaseRanOutAndWasTakenMeanwhileReadsEverythingAgainWhenItGetsItBack() {
        MongoTemplate mongo = new MongoTemplate(client, "lease-" + UUID.randomUUID().toString().substring(0, 8));
        ProjectionLease paused = lease(mongo, "paused", Duration.ofSeconds(3));
        ProjectionLease other = lease(mongo, "other", Duration.ofSeconds(3));
        paused.renew();
        // Paused longer than its lease lasts: the other instance takes over, writes, and stops.
        await().atMost(Duration.ofSeconds(10)).until(() -> !paused.isHeld());
        clock.advance(Duration.ofSeconds(4));
        other.renew();
        other.release();

        paused.renew();

        assertThat(paused.isHeld()).isTrue();
        assertThat(paused.epoch()).isEqualTo(3);
        assertThat(happened).containsExactly("paused acquired", "other acquired", "paused lost", "paused acquired");
    }
}
