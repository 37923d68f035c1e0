package org.stemreach.kit.web;

/**
 * Text typed by people (names, schools, titles) as a spreadsheet cell: a value that a spreadsheet would take for a formula
 * ({@code =HYPERLINK(...)}, {@code +}, {@code -}, {@code @}, or a tab or carriage return before one) gets a leading
 * apostrophe, so that opening the export never runs it (OWASP "CSV injection").
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
