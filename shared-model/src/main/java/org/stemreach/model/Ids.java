package org.stemreach.model;

import java.util.regex.Pattern;

/** Validation shared by the opaque identifier value types. */
final class Ids {

    static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private Ids() {
    }

    static String requireOpaque(String kind, String value) {
        if (value == null || !OPAQUE.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must be 1-64 characters of letters, digits, '_', '.', ':' or '-', got: " + value);
        }
        return value;
    }
}
