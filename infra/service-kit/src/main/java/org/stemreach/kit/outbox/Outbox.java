package org.stemreach.kit.outbox;

import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.model.event.EventEnvelope;
import org.stemreach.model.event.EventType;

import java.time.Clock;
import java.time.Instant;

/**
 * Turns domain facts into {@link OutboxEvent}s for an aggregate's {@code outbox} array. The caller
 * writes them in the same single-document update as the state change, then calls {@link #written}
 * (saves of {@link HasOutbox} documents through Spring Data nudge the relay by themselves).
 */
public class Outbox {

    private final CloudEventCodec codec;
    private final String source;
    private final Clock clock;
    private final EventSchemas schemas;
    private final OutboxRelay relay;

    public Outbox(CloudEventCodec codec, String source, Clock clock, EventSchemas schemas, OutboxRelay relay) {
        this.codec = codec;
        this.source = source;
        this.clock = clock;
        this.schemas = schemas;
        this.relay = relay;
    }

    /**
     * A pending event about aggregate {@code key}, happening now.
     *
     * @param key the aggregate id: Kafka record key and CloudEvents subject suffix
     */
    public <T> OutboxEvent event(EventType<T> type, String aggregate, String key, T data) {
        return event(type, aggregate, key, data, clock.instant());
    }

    /** A pending event about aggregate {@code key} that happened at {@code time}. */
    public <T> OutboxEvent event(EventType<T> type, String aggregate, String key, T data, Instant time) {
        return event(EventEnvelope.create(type, source, aggregate + "/" + key, data, time), type, key);
    }

    /** A pending event built from a complete envelope (e.g. with a fact's own time). */
    public <T> OutboxEvent event(EventEnvelope<T> envelope, EventType<T> type, String key) {
        schemas.check(type, codec.dataTree(envelope));
        return new OutboxEvent(envelope.id(), envelope.type(), type.topic(), key, codec.encodeToString(envelope), clock.instant());
    }

    public String source() {
        return source;
    }

    public Clock clock() {
        return clock;
    }

    /** Call after writing outbox events with update operators, so they go out at once. */
    public void written(String collection, Object id) {
        relay.nudge(collection, id);
    }
}
