package org.stemreach.kit.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemreach.kit.outbox.EventPublisher;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
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

    /** How many sent dead letters this process remembers, so that a batch tried again does not send them again. */
    static final int REMEMBERED = 100_000;

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    /**
     * The records of this process already dead-lettered (group and origin): a batch that fails after its dead letters
     * went out (MongoDB away, the lease lost) comes again, every few seconds for as long as that lasts, and would send
     * them again each time. After a restart one may still go twice: a dead-letter topic is read by people, not counted.
     */
    private final Set<String> sent = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public DeadLetters(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    private static String abbreviated(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }

    /**
     * Registers the counter of a topic and group at 0, so that the first dead letter after a start is an increase the
     * alert sees (a counter made by its first increment starts at 1, which {@code increase()} does not count).
     */
    public void expect(String topic, String group) {
        counter(topic, group);
    }

    private Counter counter(String topic, String group) {
        return Counter.builder("stemreach.events.dead.lettered").tag("topic", topic).tag("group", group)
                .description("records sent to a dead-letter topic").register(meters);
    }

    public static String topicFor(String topic, String group) {
        return "error." + topic + "." + group;
    }

    public void send(String group, EventBatch.Rejected record) {
        String topic = record.topic() == null ? "unknown" : record.topic();
        String origin = record.partition() == null || record.offset() == null ? null
                : group + "|" + topic + "-" + record.partition() + "@" + record.offset();
        if (origin != null && sent.contains(origin)) {
            log.debug("record {}-{}@{} was dead-lettered for {} before", topic, record.partition(), record.offset(), group);
            return;
        }
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
        if (origin != null) {
            sent.add(origin);
        }
        counter(topic, group).increment();
    }
}
