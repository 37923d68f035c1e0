package org.stemreach.kit.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemreach.kit.outbox.EventPublisher;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records a consumer could not apply go to {@code error.<topic>.<group>} (the Spring Cloud Stream
 * naming), untouched (the value's bytes as they were, text or not), with where they came from and why in the headers
 * {@link #ORIGIN} and {@link #REASON}, so nothing is silently dropped; the counter {@code stemreach.events.dead.lettered}
 * makes them visible on the dashboards.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** How long a dead letter may take to reach the broker before the batch fails. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** Header: where the record came from, {@code <topic>-<partition>@<offset>}. */
    public static final String ORIGIN = "stemreach-dlt-origin";
    /** Header: why the consumer could not apply it (at most {@link #REASON_LENGTH} characters). */
    public static final String REASON = "stemreach-dlt-reason";
    static final int REASON_LENGTH = 1_000;

    private final EventPublisher publisher;
    private final MeterRegistry meters;

    public DeadLetters(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    private static String abbreviated(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }

    public static String topicFor(String topic, String group) {
        return "error." + topic + "." + group;
    }

    public void send(String group, EventBatch.Rejected record) {
        String topic = record.topic() == null ? "unknown" : record.topic();
        log.warn("dead-lettering record {}-{}@{} for {}: {}", topic, record.partition(), record.offset(), group, record.reason());
        // Waits for the broker: the batch (and its offsets) must not be committed before its dead letters are safe. Not for
        // ever: a broker that does not answer fails the batch, which comes again (the consumer may hold locks meanwhile).
        try {
            publisher.publish(topicFor(topic, group), record.partition() + "@" + record.offset(), record.value(), Map.of(
                    ORIGIN, topic + "-" + record.partition() + "@" + record.offset(),
                    REASON, abbreviated(record.reason()))).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + topic + "-" + record.partition() + "@" + record.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + topic + "-" + record.partition() + "@" + record.offset()
                    + " within " + SEND_TIMEOUT.toSeconds() + " s", e instanceof ExecutionException ? e.getCause() : e);
        }
        Counter.builder("stemreach.events.dead.lettered").tag("topic", topic).tag("group", group)
                .description("records sent to a dead-letter topic").register(meters).increment();
    }
}
