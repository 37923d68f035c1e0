package org.stemreach.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** The identifier of a professionalisation activity (a nocturne, a workshop, a trajectory, ...). */
public record ActivityId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ActivityId {
        Ids.requireOpaque("activity id", value);
    }

    public static ActivityId of(String value) {
        return new ActivityId(value);
    }

    public static ActivityId random() {
        return new ActivityId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
