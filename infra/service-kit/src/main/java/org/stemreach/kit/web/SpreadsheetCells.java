package org.stemreach.kit.web;

/**
 * Text typed by people (names, schools, titles) as a spreadsheet cell: a value that a spreadsheet would take for a formula
 * ({@code =HYPERLINK(...)}, {@code +}, {@code -}, {@code @}, also after leading blanks, tabs or line breaks, and in their
 * full-width forms, which some spreadsheets read as the plain ones) gets a leading apostrophe, so that opening the export
 * never runs it (OWASP "CSV injection").
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        if ("\t\r\n".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        String start = value.stripLeading();
        return !start.isEmpty() && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(start.charAt(0)) >= 0 ? "'" + value : value;
    }
}
