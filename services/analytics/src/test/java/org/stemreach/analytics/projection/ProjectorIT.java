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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One analytics instance's projector on a real Mongo-wire server, with a dead-letter topic that can fail. */
class ProjectorIT {

    private static final MongoClient client = MongoClients.create(TestBackends.endpoints().mongoUri());
    private static final String TOPIC = "downloads";

    private final MongoTemplate mongo = new MongoTemplate(client, "projector-" + UUID.randomUUID().toString().substring(0, 8));
    private final FlakyPublisher deadLetterTopic = new FlakyPublisher();
    private final ProjectionLease lease = new ProjectionLease(mongo, Clock.systemUTC(), Duration.ofSeconds(30), "only");
    private final CloudEventCodec codec = new CloudEventCodec();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Projector projector = new Projector(codec, new DeadLetters(deadLetterTopic, meters), mongo,
            new ReachProjection(new NetworkCalendars(new AnalyticsProperties("12-15", ZoneId.of("Europe/Brussels"), Map.of()))),
            new Generations(mongo), meters, lease);

    @AfterEach
    void stop() {
        projector.stop();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aDeadLetterThatCannotBeSentFailsTheBatchAndIsSentWhenTheBatchComesAgain() {
        lease.renew();
        String network = Events.network();
        String unusable = "{\"specversion\":\"1.0\",\"id\":\"unusable-" + network + "\",\"source\":\"/test\",\"type\":\""
                + EventCatalog.DOWNLOAD_RECORDED.name() + "\",\"time\":\"2026-02-02T10:00:00Z\",\"data\":{\"assetKind\":\"SHEET\"}}";
        byte[] download = codec.encode(Events.download(network, "p1", AssetKind.SHEET, "2026-02-02T10:00:00Z"));
        Message<List<byte[]>> batch = batch(download, unusable.getBytes(StandardCharsets.UTF_8));
        deadLetterTopic.failuresLeft.set(1);

        assertThatThrownBy(() -> projector.accept(batch)).as("the broker refused the dead letter");
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

        @Override
        public CompletableFuture<Void> publish(String topic, String key, String payload) {
            if (failuresLeft.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
            }
            sent.add(new Sent(topic, key, payload));
            return CompletableFuture.completedFuture(null);
        }
    }
}
