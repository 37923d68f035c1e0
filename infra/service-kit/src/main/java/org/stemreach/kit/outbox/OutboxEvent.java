package org.stemreach.kit.outbox;

import java.time.Instant;

/**
 * An event waiting in an aggregate document's {@code outbox} array. It is written in the same
 * single-document update as the state change it describes, and removed by the {@link OutboxRelay}
 * once Kafka has acknowledged it.
 *
 * @param eventId the CloudEvent id (not called {@code id}: Spring Data would store that as {@code _id})
 * @param type    the event type name (for logs and metrics)
 * @param topic   the Kafka topic
 * @param key     the Kafka record key: the aggregate id, so one aggregate's events stay in order
 * @param payload the complete CloudEvent, structured JSON
 */
public record OutboxEvent(String eventId, String type, String topic, String key, String payload, Instant createdAt) {
}
