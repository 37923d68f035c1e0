package org.stemreach.analytics.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.testsupport.TestBackends;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Generations left behind by a replay whose instance stopped, and a replay that finishes after another took over. */
class GenerationsIT {

    private static final MongoClient client = MongoClients.create(TestBackends.endpoints().mongoUri());
    private final MongoTemplate mongo = new MongoTemplate(client, "generations-" + UUID.randomUUID().toString().substring(0, 8));

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aReplaysSwitchWaitsForTheLiveBatchUnderWay() throws Exception {
        Generations generations = new Generations(mongo);
        int old = generations.current();
        int next = generations.startBuilding();
        CompletableFuture<Void> switched = new CompletableFuture<>();

        int currentAtTheEnd = generations.whileUnchanged(() -> {
            Thread replay = new Thread(() -> {
                generations.switchTo(next);
                switched.complete(null);
            });
            replay.start();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !switched.isDone());
            return generations.current();
        });

        assertThat(currentAtTheEnd).as("no switch while the batch ran").isEqualTo(old);
        switched.get(10, TimeUnit.SECONDS);
        assertThat(generations.current()).isEqualTo(next);
    }

    @Test
    void anInstanceTakingTheLeaseDropsAGenerationHalfBuiltByAReplayThatNoLongerRuns() {
        Generations stopped = new Generations(mongo);
        int half = stopped.startBuilding();
        mongo.insert(new Document("_id", "a"), Generations.physical(half, "activity_facts"));

        Generations next = new Generations(mongo);
        assertThat(next.building()).hasValue(half);
        next.reload(false);

        assertThat(next.building()).isEmpty();
        assertThat(mongo.collectionExists(Generations.physical(half, "activity_facts"))).isFalse();
        assertThat(next.startBuilding()).as("a new replay can start").isEqualTo(half);
    }

    @Test
    void anInstanceWhoseDropCameTooLateUsesTheGenerationTheReplaySwitchedTo() {
        Generations replaying = new Generations(mongo);
        int built = replaying.startBuilding();
        // The instance taking over has read the meta document (a build under way, as reload reads it first) ...
        Generations taker = new Generations(mongo);
        assertThat(taker.building()).hasValue(built);
        // ... when the replay's switch lands, before the taker drops the build (what reload does next).
        replaying.switchTo(built);
        taker.abandon(built);

        assertThat(taker.current()).as("the generation switched to, not the one the replay drops").isEqualTo(built);
        assertThat(taker.building()).isEmpty();
    }

    @Test
    void aReplayRunningHereKeepsItsGeneration() {
        Generations generations = new Generations(mongo);
        int building = generations.startBuilding();

        generations.reload(true);

        assertThat(generations.building()).hasValue(building);
    }

    @Test
    void aReplayThatFinishesAfterItsGenerationWasDroppedChangesNothing() {
        Generations old = new Generations(mongo);
        int stale = old.startBuilding();
        // Another instance took over, dropped that generation and started its own replay (the same number).
        Generations taker = new Generations(mongo);
        taker.reload(false);
        int fresh = taker.startBuilding();
        mongo.insert(new Document("_id", "kept"), Generations.physical(fresh, "activity_facts"));
        assertThat(fresh).isEqualTo(stale);

        assertThatThrownBy(() -> old.switchTo(stale)).hasMessageContaining("no longer being built");
        old.abandon(stale);

        assertThat(mongo.findAll(Document.class, Generations.META).get(0).getInteger("current")).isEqualTo(1);
        assertThat(mongo.collectionExists(Generations.physical(fresh, "activity_facts"))).isTrue();
        assertThat(taker.building()).hasValue(fresh);
        taker.switchTo(fresh);
        assertThat(mongo.findAll(Document.class, Generations.META).get(0).getInteger("current")).isEqualTo(fresh);
    }
}
