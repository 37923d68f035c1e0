package org.stemreach.analytics.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.stemreach.analytics.projection.Generations;
import org.stemreach.analytics.projection.ProjectionLease;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.analytics.projection.TypedEvent;
import org.stemreach.kit.consumer.EventBatch;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.event.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds every projection from the start of the topics (which keep events forever) into a fresh generation:
 * a consumer of its own reads every partition from offset 0 up to the end it saw at the start, while the live
 * consumer writes each new batch to both generations; then the fresh generation becomes current and the old
 * one is dropped. Idempotence by event id makes the overlap harmless.
 */
@Service
public class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final Projector projector;
    private final Generations generations;
    private final CloudEventCodec codec;
    private final String brokers;
    private final ProjectionLease lease;
    private volatile Status status = new Status("IDLE", 0, null, null, null);

    public Replay(Projector projector, Generations generations, CloudEventCodec codec, ProjectionLease lease,
                  @Value("${stemreach.kafka.brokers}") String brokers) {
        this.projector = projector;
        this.lease = lease;
        this.generations = generations;
        this.codec = codec;
        this.brokers = brokers;
    }

    /** {@code state}: IDLE, RUNNING, DONE or FAILED. */
    public record Status(String state, long events, Integer generation, Instant startedAt, String error) {
    }

    public Status status() {
        return status;
    }

    public boolean isRunning() {
        return "RUNNING".equals(status.state());
    }

    /** Starts a replay in the background; refused while one runs. */
    public synchronized Status start() {
        if (isRunning()) {
            throw new IllegalStateException("a replay is running already");
        }
        if (!lease.isHeld()) {
            throw new IllegalStateException("this analytics instance is a standby: the one that writes the projections ("
                    + lease.holder() + ") runs replays");
        }
        int generation = generations.startBuilding();
        status = new Status("RUNNING", 0, generation, Instant.now(), null);
        Thread worker = new Thread(() -> run(generation), "replay-g" + generation);
        worker.setDaemon(true);
        worker.start();
        return status;
    }

    /**
     * A replay rebuilds from every event there ever was: a partition whose log no longer starts at offset 0 lost events
     * (a retention set on a topic made elsewhere, or records deleted), and a rebuild from it would silently count less.
     */
    static void requireWholeLog(Map<TopicPartition, Long> beginnings) {
        List<String> truncated = beginnings.entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(e -> e.getKey() + " starts at offset " + e.getValue()).sorted().toList();
        if (!truncated.isEmpty()) {
            throw new IllegalStateException("the topics no longer hold every event (" + String.join(", ", truncated)
                    + "): a replay would count less than the projections hold; nothing was rebuilt. Topics must keep events "
                    + "forever (retention.ms=-1).");
        }
    }

    private void run(int generation) {
        AtomicLong events = new AtomicLong();
        Instant started = status.startedAt();
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-replay-g" + generation);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.all()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            requireWholeLog(consumer.beginningOffsets(partitions));
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<ReceivedEvent> batch = new ArrayList<>();
                Map<String, TypedEvent<?>> typed = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        ReceivedEvent event = codec.decode(record.value());
                        projector.readAgain(new EventBatch.Item(record.topic(), record.partition(), record.offset(), record.value(), event))
                                .ifPresent(t -> {
                                    typed.put(t.id(), t);
                                    batch.add(t.raw());
                                });
                    } catch (CloudEventCodec.MalformedEventException e) {
                        // The live consumer dead-lettered it already.
                    }
                }
                if (!batch.isEmpty()) {
                    projector.applyTo(generation, batch, typed);
                    events.addAndGet(batch.size());
                    status = new Status("RUNNING", events.get(), generation, started, null);
                }
            }
            if (!lease.isHeld()) {
                throw new IllegalStateException("this instance no longer writes the projections: the replay stops");
            }
            generations.switchTo(generation);
            status = new Status("DONE", events.get(), generation, started, null);
            log.info("replay into generation {} done: {} events in {}", generation, events.get(), Duration.between(started, Instant.now()));
        } catch (RuntimeException e) {
            log.error("replay into generation {} failed", generation, e);
            generations.abandon(generation);
            status = new Status("FAILED", events.get(), generation, started, e.toString());
        }
    }
}
