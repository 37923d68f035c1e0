package org.stemreach.model.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON form: the attribute names are exactly those of the
 * CloudEvents specification, {@code data} is the event type's payload record.
 *
 * @param specversion     always {@value #SPEC_VERSION}
 * @param id              unique per event; consumers are idempotent by this id
 * @param source          the producing service, e.g. {@code /stemreach/content-downloads}
 * @param type            explicit, versioned type name, e.g. {@code stemreach.downloads.download-recorded.v1}
 * @param time            when the fact happened
 * @param subject         the aggregate the event is about, e.g. {@code project/42}
 * @param datacontenttype always {@value #DATA_CONTENT_TYPE}
 * @param dataschema      the {@code $id} of the type's JSON Schema
 * @param data            the payload
 */
public record EventEnvelope<T>(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        String dataschema,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Content type of a structured-mode CloudEvent (the Kafka record value). */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh random id. */
    public static <T> EventEnvelope<T> create(EventType<T> type, String source, String subject, T data, Instant time) {
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type.name() + " carries " + type.dataClass().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(), time, subject,
                DATA_CONTENT_TYPE, type.schemaId(), data);
    }
}
