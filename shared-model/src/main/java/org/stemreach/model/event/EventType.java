package org.stemreach.model.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of event: its explicit, versioned name (never a Java class name), the record that carries
 * its data, the topic it is published on, and its JSON Schema ({@code /schemas/events/<name>.schema.json}
 * on the classpath). A changed payload that is not additive gets a new name with the next version.
 */
public record EventType<T>(String name, Class<T> dataClass, String topic) {

    private static final Pattern NAME = Pattern.compile("stemreach\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(topic, "topic");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type names look like stemreach.<domain>.<event>.v<N>, got: " + name);
        }
    }

    /** Classpath location of the JSON Schema of this type's data. */
    public String schemaResource() {
        return "/schemas/events/" + name + ".schema.json";
    }

    /** The {@code $id} of the schema, also used as the CloudEvents {@code dataschema}. */
    public String schemaId() {
        return "urn:stemreach:event:" + name;
    }

    public int version() {
        return Integer.parseInt(name.substring(name.lastIndexOf(".v") + 2));
    }
}
