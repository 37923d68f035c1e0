package org.stemreach.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** The identifier of a lesson project in the content catalogue. */
public record ProjectId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProjectId {
        Ids.requireOpaque("project id", value);
    }

    public static ProjectId of(String value) {
        return new ProjectId(value);
    }

    public static ProjectId random() {
        return new ProjectId(UUID.randomUUID().toString());
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
