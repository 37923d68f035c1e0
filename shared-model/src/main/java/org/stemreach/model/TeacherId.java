package org.stemreach.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** An opaque teacher identifier. It never contains personal data; only the registrations service can link it to a person, and after erasure nobody can. */
public record TeacherId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TeacherId {
        Ids.requireOpaque("teacher id", value);
    }

    public static TeacherId of(String value) {
        return new TeacherId(value);
    }

    public static TeacherId random() {
        return new TeacherId(UUID.randomUUID().toString());
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
