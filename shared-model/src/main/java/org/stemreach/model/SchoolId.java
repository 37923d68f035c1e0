package org.stemreach.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** An opaque school identifier. */
public record SchoolId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SchoolId {
        Ids.requireOpaque("school id", value);
    }

    public static SchoolId of(String value) {
        return new SchoolId(value);
    }

    public static SchoolId random() {
        return new SchoolId(UUID.randomUUID().toString());
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
