package org.stemreach.registrations.activity;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.outbox.AggregateWriter;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.testsupport.IntegrationTest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service changing the same activities: each keeps the document it wrote last, and a
 * change by the other shows as a version conflict, never as a lost registration or an overbooked activity.
 */
@IntegrationTest
class ActivitiesIT {

    @Autowired
    Activities thisInstance;
    @Autowired
    ActivityRepository repository;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AggregateWriter writer;
    @Autowired
    Outbox outbox;
    @Autowired
    MeterRegistry meters;

    private Activities anotherInstance() {
        return new Activities(repository, mongo, writer, outbox, meters, 1000);
    }

    private String published(int seats) {
        Activity activity = ActivityBuilder.workshop().seats(seats).build();
        thisInstance.create(activity, true);
        return activity.id();
    }

    private static Entry register(Activities instance, String activity) {
        // Before the builder's workshop (11 March 2026) begins: registration closes then.
        return instance.change(activity, a -> a.register(Activity.Registrant.teacher(UUID.randomUUID().toString(), Grade.SECONDARY),
                Instant.parse("2026-03-01T10:00:00Z")));
    }

    private double conflicts() {
        return meters.get("stemreach.registrations.write.conflicts").counter().count();
    }

    @Test
    void aChangeByAnotherInstanceIsNotOverwrittenByTheDocumentThisOneKept() {
        String activity = published(10);
        Activities other = anotherInstance();
        double before = conflicts();

        Entry first = register(thisInstance, activity);   // this instance now keeps the written document
        Entry second = register(other, activity);         // which is stale after this
        Entry third = register(thisInstance, activity);   // so this one conflicts once, reads again, and keeps both

        assertThat(conflicts()).isGreaterThanOrEqualTo(before + 1);
        assertThat(repository.findById(activity).orElseThrow().entries()).extracting(Entry::id)
                .containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void aChangeThatWritesNothingOrIsRefusedIsDecidedOnWhatAnotherInstanceWroteNotOnTheKeptDocument() {
        String activity = published(10);
        Activities other = anotherInstance();
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        Activity.Registrant teacher = Activity.Registrant.teacher("t-" + UUID.randomUUID(), Grade.SECONDARY);

        Entry first = thisInstance.change(activity, a -> a.register(teacher, now));   // kept here
        other.change(activity, a -> a.cancelOwnRegistration(first.id(), now));          // cancelled there
        Entry again = thisInstance.change(activity, a -> a.register(teacher, now));    // registered again here

        assertThat(again.id()).as("a new registration, not the cancelled one the kept document still held").isNotEqualTo(first.id());
        assertThat(again.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(repository.findById(activity).orElseThrow().entries()).extracting(Entry::status)
                .containsExactly(EntryStatus.CANCELLED, EntryStatus.CONFIRMED);

        Entry there = register(other, activity);                                         // registered there
        Entry cancelled = thisInstance.change(activity, a -> a.cancelOwnRegistration(there.id(), now));
        assertThat(cancelled.status()).as("known here although the kept document had not heard of it").isEqualTo(EntryStatus.CANCELLED);
    }

    @Test
    void twoInstancesRegisteringConcurrentlyNeverOverbookAndKeepTheWaitingListInOrder() throws Exception {
        String activity = published(20);
        Activities[] instances = {thisInstance, anotherInstance()};
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Callable<Entry>> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Activities instance = instances[i % 2];
            requests.add(() -> register(instance, activity));
        }
        List<Entry> outcomes = new ArrayList<>();
        for (Future<Entry> outcome : clients.invokeAll(requests)) {
            outcomes.add(outcome.get());
        }
        clients.shutdown();

        Activity stored = repository.findById(activity).orElseThrow();
        assertThat(stored.entries()).hasSize(200);
        assertThat(stored.entries()).extracting(Entry::id).containsExactlyInAnyOrderElementsOf(outcomes.stream().map(Entry::id).toList());
        assertThat(stored.confirmedCount()).isEqualTo(20);
        assertThat(stored.entries().stream().filter(e -> e.status() == EntryStatus.WAITLISTED).map(stored::waitlistPosition))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 180).boxed().toList());
    }
}
