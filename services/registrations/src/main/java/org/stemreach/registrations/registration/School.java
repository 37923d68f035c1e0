package org.stemreach.registrations.registration;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A school that registers teams, under an opaque id; one per normalised name and postcode. */
@Document("schools")
public class School {

    @Id
    private String id;
    @Indexed(unique = true)
    private String nameKey;
    private String name;
    private String postcode;

    protected School() {
    }

    School(String id, String name, String postcode) {
        this.id = id;
        this.nameKey = key(name, postcode);
        this.name = name.strip();
        this.postcode = postcode == null ? null : postcode.strip();
    }

    static String key(String name, String postcode) {
        return name.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ") + "|" + (postcode == null ? "" : postcode.strip());
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String postcode() {
        return postcode;
    }
}
