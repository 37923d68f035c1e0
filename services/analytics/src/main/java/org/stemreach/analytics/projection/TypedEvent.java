package org.stemreach.analytics.projection;

import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.event.EventType;

/** A received event whose data has been read into its type's record. */
public record TypedEvent<T>(ReceivedEvent raw, EventType<T> type, T data) {

    public String id() {
        return raw.id();
    }

    @SuppressWarnings("unchecked")
    public <U> U dataAs(EventType<U> expected) {
        if (!type.equals(expected)) {
            throw new IllegalArgumentException(raw.id() + " is a " + type.name());
        }
        return (U) data;
    }
}
