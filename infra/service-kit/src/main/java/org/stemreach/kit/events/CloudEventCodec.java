package org.stemreach.kit.events;

import org.stemreach.model.event.EventEnvelope;
import org.stemreach.model.event.EventType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads CloudEvents in structured JSON mode (the Kafka record value is the whole event).
 * Unknown data fields are ignored so that a new field never breaks a consumer. A new value of an enumeration would
 * (it is refused as data that does not fit the type): such a change makes a new version of the event type.
 */
public final class CloudEventCodec {

    private static final TypeReference<EventEnvelope<JsonNode>> RAW = new TypeReference<>() {
    };

    private final JsonMapper mapper;

    public CloudEventCodec() {
        this(JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build());
    }

    public CloudEventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(EventEnvelope<?> event) {
        return mapper.writeValueAsBytes(event);
    }

    public String encodeToString(EventEnvelope<?> event) {
        return mapper.writeValueAsString(event);
    }

    /** The event's data as JSON, e.g. for schema validation. */
    public JsonNode dataTree(EventEnvelope<?> event) {
        return mapper.valueToTree(event.data());
    }

    public JsonNode tree(byte[] json) {
        return mapper.readTree(json);
    }

    /**
     * Parses one record value.
     *
     * @throws MalformedEventException when the value is not a CloudEvent of spec version 1.0
     */
    private static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59.999Z");

    public ReceivedEvent decode(byte[] value) {
        EventEnvelope<JsonNode> raw;
        try {
            raw = mapper.readValue(value, RAW);
        } catch (JacksonException | NullPointerException e) {
            throw new MalformedEventException("not a structured CloudEvent: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new MalformedEventException("not a structured CloudEvent: the value is null", null);
        }
        if (!EventEnvelope.SPEC_VERSION.equals(raw.specversion())) {
            throw new MalformedEventException("unsupported CloudEvents specversion " + raw.specversion(), null);
        }
        if (raw.id() == null || raw.id().isBlank() || raw.type() == null || raw.source() == null || raw.time() == null) {
            // CloudEvents needs id, source and type; STEM Reach's events always carry their time too (periods hang on it).
            throw new MalformedEventException("a STEM Reach CloudEvent needs id, source, type and time", null);
        }
        if (raw.time().isBefore(EARLIEST) || raw.time().isAfter(LATEST)) {
            // Valid ISO, but no date a database or java.util.Date can hold (year 300 000 000): refused here, not further on.
            throw new MalformedEventException("the event's time " + raw.time() + " is not between years 1 and 9999", null);
        }
        return new ReceivedEvent(raw.id(), raw.source(), raw.type(), raw.time(), raw.subject(), raw.data());
    }

    public <T> T dataAs(ReceivedEvent event, EventType<T> type) {
        if (!type.name().equals(event.type())) {
            throw new IllegalArgumentException("event " + event.id() + " is a " + event.type() + ", not a " + type.name());
        }
        try {
            return mapper.treeToValue(event.data(), type.dataClass());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("data of event " + event.id() + " does not fit " + type.name() + ": " + e.getMessage(), e);
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
