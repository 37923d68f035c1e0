package org.stemreach.kit.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemreach.kit.outbox.EventPublisher;

import java.nio.charset.StandardCharsets;

/**
 * Records a consumer could not apply go to {@code error.<topic>.<group>} (the Spring Cloud Stream
 * naming), untouched, so nothing is silently dropped; the counter {@code stemreach.events.dead.lettered}
 * makes them visible on the dashboards.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventPublisher publisher;
    private final MeterRegistry meters;

    public DeadLetters(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    public static String topicFor(String topic, String group) {
        return "error." + topic + "." + group;
    }

    public void send(String group, EventBatch.Rejected record) {
        String topic = record.topic() == null ? "unknown" : record.topic();
        log.warn("dead-lettering record {}-{}@{} for {}: {}", topic, record.partition(), record.offset(), group, record.reason());
        // Waits for the broker: the batch (and its offsets) must not be committed before its dead letters are safe.
        publisher.publish(topicFor(topic, group), record.partition() + "@" + record.offset(),
                new String(record.value(), StandardCharsets.UTF_8)).join();
        Counter.builder("stemreach.events.dead.lettered").tag("topic", topic).tag("group", group)
                .description("records sent to a dead-letter topic").register(meters).increment();
    }
}
