package org.stemreach.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * The label of a STEM learning network, e.g. {@code ISTEM} or {@code STEMBASIS}.
 * Networks are data: any label of 2-32 upper-case letters, digits, '_' or '-' is valid,
 * except {@value #ALL}, which queries use to mean "every network".
 */
public record NetworkId(String value) {

    public static final String ALL = "ALL";
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Z0-9_-]{1,31}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public NetworkId {
        if (value == null || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("network must be 2-32 upper-case letters, digits, '_' or '-', got: " + value);
        }
        if (ALL.equals(value)) {
            throw new IllegalArgumentException("ALL is reserved for queries over every network");
        }
    }

    public static NetworkId of(String value) {
        return new NetworkId(value);
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
