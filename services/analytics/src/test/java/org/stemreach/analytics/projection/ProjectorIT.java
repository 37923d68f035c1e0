package org.stemreach.analytics.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.stemreach.analytics.Events;
import org.stemreach.analytics.network.AnalyticsProperties;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.kit.consumer.DeadLetters;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.outbox.EventPublisher;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.testsupport.TestBackends;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One analytics instance's projector on a real Mongo-wire server, with a dead-letter topic that can fail. */
class ProjectorIT {

    private static final MongoClient client = MongoClients.create(TestBackends.endpoints().mongoUri());
    private static final String TOPIC = "downloads";

    private final MongoTemplate mongo = new MongoTemplate(client, "projector-" + UUID.randomUUID().toString().substring(0, 8));
    private final FlakyPublisher deadLetterTopic = new FlakyPublisher();
    private final ProjectionLease lease = new ProjectionLease(mongo, Clock.systemUTC(), Duration.ofSeconds(30), "only");
    private final CloudEventCodec codec = new CloudEventCodec();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Generations generations = new Generations(mongo);
    private final Projector projector = new Projector(codec, new DeadLetters(deadLetterTopic, meters), mongo,
            new ReachProjection(new NetworkCalendars(new AnalyticsProperties("12-15", ZoneId.of("Europe/Brussels"), Map.of()))),
            generations, meters, lease);

    @AfterEach
    void stop() {
        projector.stop();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void aDeadLetterThatCannotBeSentFailsTheBatchAndIsSentWhenTheBatchComesAgain() {
        lease.renew();
        String network = Events.network();
        Message<List<byte[]>> batch = downloadAndUnusable(network);
        deadLetterTopic.failuresLeft.set(1);

        assertThatThrownBy(() -> projector.accept(batch)).as("the broker refused the dead letter")
                .satisfies(e -> assertThat(root(e)).hasMessage("broker away"));
        assertThat(deadLetterTopic.sent).isEmpty();
        assertThat(downloads(network)).as("nothing of the failed batch is written").isZero();

        projector.accept(batch); // the same records again, as Kafka redelivers an unacknowledged batch

        assertThat(deadLetterTopic.sent).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(DeadLetters.topicFor(TOPIC, Projector.GROUP));
            assertThat(letter.key()).isEqualTo("0@11");
            assertThat(letter.payload()).contains("unusable-" + network);
        });
        assertThat(downloads(network)).as("the usable download, once").isEqualTo(1);

        projector.accept(batch);
        assertThat(deadLetterTopic.sent).as("a batch applied before sends nothing again").hasSize(1);
        assertThat(downloads(network)).isEqualTo(1);
    }

    @Test
    void factsRememberTheCalendarsTheyWereFiledWithSoThatAChangeOfThemShows() {
        lease.renew();
        var facts = new org.stemreach.analytics.kpi.FactStore(mongo, generations, projector);
        projector.accept(downloadAndUnusable(Events.network()));
        var same = new NetworkCalendars(new AnalyticsProperties("12-15", ZoneId.of("Europe/Brussels"), Map.of()));
        var moved = new NetworkCalendars(new AnalyticsProperties("09-01", ZoneId.of("Europe/Brussels"), Map.of()));

        assertThat(facts.calendarsOfFacts()).isEqualTo(same.fingerprint());
        assertThat(new org.stemreach.analytics.kpi.CalendarCheck(facts, same, new SimpleMeterRegistry(), mongo, generations).changed()).isFalse();
        SimpleMeterRegistry movedMeters = new SimpleMeterRegistry();
        assertThat(new org.stemreach.analytics.kpi.CalendarCheck(facts, moved, movedMeters, mongo, generations).changed()).isTrue();
        assertThat(movedMeters.get("stemreach.analytics.calendars.changed").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void factsOfAnEarlierVersionAreTakenAsFiledUnderTheCalendarsInEffectWhenThisVersionFirstStarts() {
        lease.renew();
        var facts = new org.stemreach.analytics.kpi.FactStore(mongo, generations, projector);
        projector.accept(downloadAndUnusable(Events.network()));
        mongo.updateFirst(new org.springframework.data.mongodb.core.query.Query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is("events")),
                new org.springframework.data.mongodb.core.query.Update().unset("calendars"), generations.physical(Projector.STATS));
        var now = new NetworkCalendars(new AnalyticsProperties("09-01", ZoneId.of("Europe/Brussels"), Map.of()));

        new org.stemreach.analytics.kpi.CalendarCheck(facts, now, new SimpleMeterRegistry(), mongo, generations).stampFactsOfEarlierVersions();
        projector.accept(downloadAndUnusable(Events.network())); // the next batch refreshes what the facts say

        assertThat(facts.calendarsOfFacts()).isEqualTo(now.fingerprint());
    }

    @Test
    void aReplayPassesOverDataThatDoesNotFitItsTypeWithoutDeadLetteringItAgain() {
        byte[] value = ("{\"specversion\":\"1.0\",\"id\":\"misfit-" + UUID.randomUUID() + "\",\"source\":\"/test\",\"type\":\""
                + EventCatalog.DOWNLOAD_RECORDED.name() + "\",\"time\":\"2026-02-02T10:00:00Z\",\"data\":{\"network\":\"not a network\"}}").getBytes(StandardCharsets.UTF_8);
        var item = new org.stemreach.kit.consumer.EventBatch.Item(TOPIC, 0, 5L, value, codec.decode(value));

        assertThat(projector.readAgain(item)).isEmpty();
        assertThat(deadLetterTopic.sent).as("the live consumer dead-lettered it before").isEmpty();
        assertThat(projector.read(item)).isEmpty();
        assertThat(deadLetterTopic.sent).hasSize(1);
    }

    @Test
    void aDeadLetterSentBeforeItsBatchFailedIsNotSentAgainWhenTheBatchComesAgain() {
        lease.renew();
        String network = Events.network();
        Message<List<byte[]>> batch = downloadAndUnusable(network);
        // The batch's write fails after its dead letter went out: the download's counter is not a number.
        String counter = network + "|2026|p1";
        mongo.getCollection(Generations.physical(generations.current(), ReachProjection.DOWNLOADS_BY_PROJECT))
                .insertOne(new Document("_id", counter).append("network", "elsewhere").append("sheets", "not a number"));

        assertThatThrownBy(() -> projector.accept(batch)).satisfies(e -> assertThat(root(e)).isInstanceOf(com.mongodb.MongoException.class));
        assertThatThrownBy(() -> projector.accept(batch)).as("tried again while the problem lasts")
                .satisfies(e -> assertThat(root(e)).isInstanceOf(com.mongodb.MongoException.class));
        mongo.getCollection(Generations.physical(generations.current(), ReachProjection.DOWNLOADS_BY_PROJECT)).deleteOne(new Document("_id", counter));
        projector.accept(batch);

        assertThat(deadLetterTopic.sent).as("one dead letter, however often its batch came").singleElement()
                .satisfies(letter -> assertThat(letter.payload()).contains("unusable-" + network));
        assertThat(downloads(network)).isEqualTo(1);
        assertThat(meters.get("stemreach.events.dead.lettered").tag("topic", TOPIC).counter().count()).isEqualTo(1);
        assertThat(meters.get("stemreach.events.dead.lettered").tag("topic", org.stemreach.model.event.Topics.DOWNLOADS).counter().count())
                .as("every topic's counter there from the start, at 0: the first dead letter is an increase an alert sees").isZero();
    }

    @Test
    void aDeadLetterIsNotLostWhenAReplaySwitchesGenerationsBeforeTheFailedBatchComesAgain() {
        lease.renew();
        String network = Events.network();
        Message<List<byte[]>> batch = downloadAndUnusable(network);
        int next = generations.startBuilding(); // a replay runs: the live consumer writes both generations
        deadLetterTopic.failuresLeft.set(1);

        assertThatThrownBy(() -> projector.accept(batch)).as("the broker refused the dead letter")
                .satisfies(e -> assertThat(root(e)).hasMessage("broker away"));
        generations.switchTo(next); // the replay caught up before the batch came again
        projector.accept(batch);

        assertThat(deadLetterTopic.sent).singleElement().satisfies(letter -> assertThat(letter.payload()).contains("unusable-" + network));
        assertThat(downloads(network)).as("the usable download, once, in the generation now current").isEqualTo(1);
    }

    @Test
    void aReplaysSwitchWaitsUntilTheLiveBatchIsInBothGenerations() throws Exception {
        lease.renew();
        String network = Events.network();
        Message<List<byte[]>> batch = downloadAndUnusable(network);
        int next = generations.startBuilding();
        deadLetterTopic.hold = new CountDownLatch(1); // the batch stops at its dead letter, while the current generation is planned
        CompletableFuture<Void> live = CompletableFuture.runAsync(() -> projector.accept(batch));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterTopic.held.getCount() == 0);

        CompletableFuture<Void> switched = CompletableFuture.runAsync(() -> generations.switchTo(next));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !switched.isDone());
        deadLetterTopic.hold.countDown();
        live.get(10, TimeUnit.SECONDS);
        switched.get(10, TimeUnit.SECONDS);

        assertThat(generations.current()).isEqualTo(next);
        assertThat(downloads(network)).as("the batch reached the generation being built before the switch").isEqualTo(1);
        assertThat(deadLetterTopic.sent).hasSize(1);
    }

    @Test
    void aBatchTheGenerationBeingBuiltRefusesIsToldToListenersAndComesAgainForThatGenerationOnly() {
        lease.renew();
        String network = Events.network();
        List<Projector.Applied> told = new CopyOnWriteArrayList<>();
        projector.onApplied(told::add);
        int next = generations.startBuilding();
        // The generation being built cannot take the download: its counter is not a number there.
        String counter = network + "|2026|p1";
        mongo.getCollection(Generations.physical(next, ReachProjection.DOWNLOADS_BY_PROJECT))
                .insertOne(new Document("_id", counter).append("sheets", "not a number"));
        Message<List<byte[]>> batch = batch(codec.encode(Events.download(network, "p1", AssetKind.SHEET, "2026-02-02T10:00:00Z")));

        assertThatThrownBy(() -> projector.accept(batch)).as("the generation being built refused the batch")
                .satisfies(e -> assertThat(root(e)).isInstanceOf(com.mongodb.MongoException.class));
        assertThat(told).as("the current generation took it, and its listeners were told").singleElement()
                .satisfies(applied -> assertThat(applied.events()).hasSize(1));
        assertThat(downloads(network)).isEqualTo(1);

        mongo.getCollection(Generations.physical(next, ReachProjection.DOWNLOADS_BY_PROJECT)).deleteOne(new Document("_id", counter));
        projector.accept(batch); // comes again

        assertThat(told).as("nothing new for the current generation").hasSize(1);
        generations.switchTo(next);
        assertThat(downloads(network)).as("once in the generation built").isEqualTo(1);
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowFromASourceItKnowsIsKeptAndAppliedOnceAVersionKnowsIt() {
        lease.renew();
        String network = Events.network();
        String newer = new String(codec.encode(Events.download(network, "p1", AssetKind.SHEET, "2026-02-02T10:00:00Z")), StandardCharsets.UTF_8)
                .replace(EventCatalog.DOWNLOAD_RECORDED.name(), "stemreach.downloads.download-recorded.v9");
        String stranger = newer.replace("stemreach.downloads.download-recorded.v9", "stemreach.elsewhere.thing-happened.v1")
                .replace("\"id\":\"", "\"id\":\"stranger-");

        // coaching-trajectories' events come in a later version: kept as well, although no type of its is known yet.
        String coaching = newer.replace("stemreach.downloads.download-recorded.v9", "stemreach.coaching.evaluation-submitted.v1")
                .replace("\"id\":\"", "\"id\":\"coaching-");

        projector.accept(batch(newer.getBytes(StandardCharsets.UTF_8), stranger.getBytes(StandardCharsets.UTF_8),
                coaching.getBytes(StandardCharsets.UTF_8)));
        projector.accept(batch(newer.getBytes(StandardCharsets.UTF_8))); // read again: kept once

        assertThat(downloads(network)).as("not counted by this version").isZero();
        assertThat(mongo.getCollection(Projector.DEFERRED).find().into(new ArrayList<>())).extracting(kept -> kept.getString("type"))
                .as("kept: the newer download and the coaching event, not the stranger")
                .containsExactlyInAnyOrder("stemreach.downloads.download-recorded.v9", "stemreach.coaching.evaluation-submitted.v1");
        mongo.getCollection(Projector.DEFERRED).deleteOne(new Document("type", "stemreach.coaching.evaluation-submitted.v1"));
        assertThat(mongo.getCollection(Projector.DEFERRED).find().into(new ArrayList<>())).as("kept: the newer download, not the stranger")
                .singleElement().satisfies(kept -> {
                    assertThat(kept.getString("type")).isEqualTo("stemreach.downloads.download-recorded.v9");
                    assertThat(kept.getString("topic")).isEqualTo(TOPIC);
                    assertThat(kept.getLong("offset")).isEqualTo(10L);
                });
        assertThat(projector.applyDeferred()).as("still unknown to this version").isZero();

        // A later version knows the type: as if this one had kept an event of a type it now knows.
        mongo.getCollection(Projector.DEFERRED).updateMany(new Document(), new Document("$set", new Document("type", EventCatalog.DOWNLOAD_RECORDED.name())
                .append("value", new org.bson.types.Binary(newer.replace("stemreach.downloads.download-recorded.v9", EventCatalog.DOWNLOAD_RECORDED.name())
                        .getBytes(StandardCharsets.UTF_8)))));

        assertThat(projector.applyDeferred()).isEqualTo(1);
        assertThat(downloads(network)).as("counted, once").isEqualTo(1);
        assertThat(mongo.getCollection(Projector.DEFERRED).countDocuments()).as("let go of").isZero();
        assertThat(projector.applyDeferred()).isZero();
    }

    @Test
    void aKeptEventThatWasAppliedMeanwhileIsNotCountedAgain() {
        lease.renew();
        String network = Events.network();
        byte[] download = codec.encode(Events.download(network, "p1", AssetKind.SHEET, "2026-02-02T10:00:00Z"));
        projector.accept(batch(download));
        String id = codec.decode(download).id();
        mongo.getCollection(Projector.DEFERRED).insertOne(new Document("_id", id).append("type", EventCatalog.DOWNLOAD_RECORDED.name())
                .append("topic", TOPIC).append("partition", 0).append("offset", 10L).append("value", new org.bson.types.Binary(download)));

        assertThat(projector.applyDeferred()).isEqualTo(1);
        assertThat(downloads(network)).isEqualTo(1);
    }

    /** A batch of a usable download and a download event without the data the projection needs. */
    private Message<List<byte[]>> downloadAndUnusable(String network) {
        String unusable = "{\"specversion\":\"1.0\",\"id\":\"unusable-" + network + "\",\"source\":\"/test\",\"type\":\""
                + EventCatalog.DOWNLOAD_RECORDED.name() + "\",\"time\":\"2026-02-02T10:00:00Z\",\"data\":{\"assetKind\":\"SHEET\"}}";
        byte[] download = codec.encode(Events.download(network, "p1", AssetKind.SHEET, "2026-02-02T10:00:00Z"));
        return batch(download, unusable.getBytes(StandardCharsets.UTF_8));
    }

    private long downloads(String network) {
        return mongo.getCollection(Generations.physical(new Generations(mongo).current(), ReachProjection.DOWNLOADS_BY_PROJECT))
                .find(new Document("network", network)).into(new ArrayList<>()).stream()
                .mapToLong(document -> ((Number) document.getOrDefault("sheets", 0)).longValue()).sum();
    }

    private static Message<List<byte[]>> batch(byte[]... values) {
        return MessageBuilder.withPayload(List.of(values))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, Collections.nCopies(values.length, TOPIC))
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, Collections.nCopies(values.length, 0))
                .setHeader(KafkaHeaders.OFFSET, LongStream.range(10, 10 + values.length).boxed().toList())
                .build();
    }

    /** A dead-letter topic whose next sends fail, as a broker that is away would make them. */
    private static final class FlakyPublisher implements EventPublisher {

        record Sent(String topic, String key, String payload) {
        }

        final AtomicInteger failuresLeft = new AtomicInteger();
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        /** When set, a send waits until it is counted down; {@link #held} says that one waits. */
        volatile CountDownLatch hold;
        final CountDownLatch held = new CountDownLatch(1);

        @Override
        public CompletableFuture<Void> publish(String topic, String key, String payload) {
            if (hold != null) {
                held.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failuresLeft.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
            }
            sent.add(new Sent(topic, key, payload));
            return CompletableFuture.completedFuture(null);
        }
    }
}
