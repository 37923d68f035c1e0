package org.stemreach.registrations.registration;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A school that registers teams, under an opaque id; one per normalised name and postcode. */
@Document("schools")
public class School {

    /** A postcode as the API and the pages take it: letters, digits, spaces and hyphens, at most 10 (Belgian, Dutch and others). */
    public static final String POSTCODE_PATTERN = "[0-9A-Za-z -]{0,10}";

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

    /**
     * Name and postcode, as written in any way: case and spaces in the name, and in the postcode case, spaces, hyphens and a
     * Belgian country prefix ({@code B-8500} is {@code 8500}, {@code 1234 ab} is {@code 1234AB}), do not make another school.
     */
    static String key(String name, String postcode) {
        return name.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ") + "|" + postcodeKey(postcode);
    }

    static String postcodeKey(String postcode) {
        if (postcode == null) {
            return "";
        }
        String compact = postcode.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
        return compact.matches("BE?[0-9]{4}") ? compact.replaceFirst("^BE?", "") : compact;
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
