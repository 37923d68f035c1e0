package org.stemreach.registrations.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.stemreach.model.NetworkId;
import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a past activity log: one row per activity, {@code date;network;partner;location;title;type;target_group;participants}.
 * Dates are ISO ({@code 2023-01-12}) or Dutch {@code d-MMM-yy} ({@code 12-jan-23}); participants are a whole number or an
 * approximation such as {@code ca. 25} (recorded as 25, flagged approximate). Every row is checked; a file with any
 * error yields only the errors, by line number.
 */
public final class PastLogParser {

    static final List<String> COLUMNS = List.of("date", "network", "partner", "location", "title", "type", "target_group", "participants");
    private static final Map<String, Integer> DUTCH_MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mrt", 3), Map.entry("maa", 3), Map.entry("apr", 4),
            Map.entry("mei", 5), Map.entry("jun", 6), Map.entry("juni", 6), Map.entry("jul", 7), Map.entry("juli", 7),
            Map.entry("aug", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("okt", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Pattern DUTCH_DATE = Pattern.compile("(\\d{1,2})-([a-z]{3,4})\\.?-(\\d{2})");
    /** The most places an activity has (its capacity's limit). */
    static final int MAX_PARTICIPANTS = 100_000;
    private static final Pattern PARTICIPANTS = Pattern.compile("(?:(ca\\.?|±|~|\\+/-)\\s*)?(\\d{1,7})", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ONLINE = Set.of("online", "digitaal", "virtueel");

    private PastLogParser() {
    }

    /** One valid row. */
    /**
     * @param occurrence 1, or n for the n-th row of the file that describes the same activity (the same date, network,
     *                   partner, location, title, type and target group: e.g. a morning and an afternoon talk)
     */
    public record Row(int line, LocalDate date, String network, String partner, String location, boolean online, String title,
                      String type, ActivityCategory category, String targetGroup, int participants, boolean approximate, int occurrence) {

        /** Stable across imports of the same row (and of the same file): the key that makes re-importing create nothing. */
        public String key() {
            String normalised = String.join("|", date.toString(), network, partner.toLowerCase(Locale.ROOT),
                    location.toLowerCase(Locale.ROOT), title.toLowerCase(Locale.ROOT), type, targetGroup.toLowerCase(Locale.ROOT))
                    + (occurrence > 1 ? "|#" + occurrence : "");
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(normalised.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A problem of one line: {@code message} in English (the API's), {@code code} and {@code arguments} for the pages, which
     * say it in the reader's language ({@code import.error.<code>} in the message bundles).
     */
    public record LineError(int line, String message, String code, List<Object> arguments) {

        public LineError {
            arguments = arguments.stream().map(String::valueOf).map(Object.class::cast).toList();
        }

        static LineError of(int line, String code, String message, Object... arguments) {
            return new LineError(line, message, code, List.of(arguments));
        }
    }

    public record Result(List<Row> rows, List<LineError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * The file's text: UTF-8 (with or without a byte order mark), or else Windows-1252, the encoding of a "CSV" saved by
     * Excel in Dutch, so that "België" stays "België" either way.
     */
    public static String decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * The file's text in the charset its sender declared (e.g. {@code text/csv; charset=ISO-8859-1}), strictly: bytes
     * that are not of that charset are an error, not a guess. Without a declared charset, as {@link #decode(byte[])}.
     */
    public static String decode(byte[] bytes, Charset declared) {
        if (declared != null) {
            try {
                return declared.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new NotInDeclaredCharsetException(declared);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** The bytes are not text of the charset the sender declared. */
    public static final class NotInDeclaredCharsetException extends IllegalArgumentException {
        private final Charset charset;

        NotInDeclaredCharsetException(Charset charset) {
            super("the file is not " + charset.name() + " text, as its content type declares");
            this.charset = charset;
        }

        /** The same as an import error (line 0: the whole file), with its code and argument as every other one. */
        public LineError error() {
            return LineError.of(0, "charset", getMessage(), charset.name());
        }
    }

    public static Result parse(Reader csv) {
        return parse(csv, LocalDate.now(org.stemreach.registrations.activity.ActivityFinder.ZONE));
    }

    /** With {@code today}: a log of the past has no dates after it, and {@code 99} is the last century's. */
    public static Result parse(Reader csv, LocalDate today) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            csv.transferTo(text);
        } catch (IOException e) {
            return new Result(List.of(), List.of(LineError.of(0, "unreadable", "the file could not be read: " + e.getMessage(),
                    String.valueOf(e.getMessage()))));
        }
        return parse(text.toString(), today);
    }

    /** Errors name the line of the file (blank lines and quoted line breaks included), as an editor shows it. */
    public static Result parse(String csv) {
        return parse(csv, LocalDate.now(org.stemreach.registrations.activity.ActivityFinder.ZONE));
    }

    public static Result parse(String csv, LocalDate today) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<Row> rows = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            boolean header = true;
            Lines lines = new Lines(text);
            for (CSVRecord record : parser) {
                int line = lines.ofRecordAt(record.getCharacterPosition());
                if (header) {
                    header = false;
                    List<String> names = record.stream().map(v -> v.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)).toList();
                    if (!names.equals(COLUMNS)) {
                        errors.add(LineError.of(line, "columns", "the first line must name the columns " + String.join(";", COLUMNS),
                                String.join(";", COLUMNS)));
                        return new Result(List.of(), errors);
                    }
                    continue;
                }
                parseRow(line, record, rows, errors, today);
            }
        } catch (IOException | UncheckedIOException e) {
            errors.add(LineError.of(0, "csv", "the file is not valid CSV: " + e.getMessage(), e.getMessage()));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(LineError.of(1, "empty", "the file has no activities"));
        }
        // The good rows too when others have errors: the import checks them further, to report every problem at once.
        return new Result(numbered(rows), errors);
    }

    /**
     * The lines (from 1) of the records, counted as the parser goes (records come in order, so the text is read once): the
     * line breaks before a record's position (CRLF, LF or CR alone), and those of blank lines the parser skipped, which it
     * reports as the start of the record after them.
     */
    private static final class Lines {
        private final String text;
        private int position;
        private int line = 1;

        Lines(String text) {
            this.text = text;
        }

        int ofRecordAt(long start) {
            while (position < start && position < text.length()) {
                step();
            }
            while (position < text.length() && (text.charAt(position) == '\n' || text.charAt(position) == '\r')) {
                step();
            }
            return line;
        }

        private void step() {
            char c = text.charAt(position++);
            if (c == '\n' || (c == '\r' && (position >= text.length() || text.charAt(position) != '\n'))) {
                line++;
            }
        }
    }

    /** Rows describing the same activity get their occurrence in the file, so that each becomes its own activity. */
    private static List<Row> numbered(List<Row> rows) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<Row> numbered = new ArrayList<>(rows.size());
        for (Row row : rows) {
            int occurrence = seen.merge(row.key(), 1, Integer::sum);
            numbered.add(occurrence == 1 ? row : new Row(row.line(), row.date(), row.network(), row.partner(), row.location(),
                    row.online(), row.title(), row.type(), row.category(), row.targetGroup(), row.participants(), row.approximate(),
                    occurrence));
        }
        return numbered;
    }

    private static void parseRow(int line, CSVRecord record, List<Row> rows, List<LineError> errors, LocalDate today) {
        if (record.size() != COLUMNS.size()) {
            errors.add(LineError.of(line, "fields", "expected " + COLUMNS.size() + " fields separated by ';', found " + record.size(),
                    COLUMNS.size(), record.size()));
            return;
        }
        List<LineError> problems = new ArrayList<>();
        LocalDate date = date(line, record.get(0), problems, today);
        String network = record.get(1);
        try {
            NetworkId.of(network);
        } catch (IllegalArgumentException e) {
            problems.add(LineError.of(line, "network", "network '" + network + "' is not a network label such as ISTEM", network));
        }
        String partner = required(line, record.get(2), "partner", problems);
        String location = required(line, record.get(3), "location", problems);
        String title = required(line, record.get(4), "title", problems);
        if (title.length() > 300) {
            problems.add(LineError.of(line, "titleLength", "title is longer than 300 characters", 300));
        }
        String type = record.get(5).toUpperCase(Locale.ROOT);
        ActivityCategory category = ActivityTypes.defaultCategoryOf(type).orElse(null);
        if (category == null) {
            String known = String.join(", ", ActivityTypes.defaults().keySet());
            problems.add(LineError.of(line, "type", "type '" + record.get(5) + "' is unknown; use one of " + known, record.get(5), known));
        }
        String targetGroup = record.get(6);
        Matcher participants = PARTICIPANTS.matcher(record.get(7));
        if (!participants.matches()) {
            problems.add(LineError.of(line, "participants", "participants '" + record.get(7)
                    + "' is not a whole number (or an approximation like 'ca. 25')", record.get(7)));
        } else if (Integer.parseInt(participants.group(2)) > MAX_PARTICIPANTS) {
            problems.add(LineError.of(line, "participantsTooMany", "participants " + participants.group(2) + " is more than one activity holds ("
                    + MAX_PARTICIPANTS + ")", participants.group(2), MAX_PARTICIPANTS));
        }
        if (!problems.isEmpty()) {
            errors.addAll(problems);
            return;
        }
        rows.add(new Row(line, date, network, partner, location, ONLINE.contains(location.toLowerCase(Locale.ROOT)), title, type, category,
                targetGroup, Integer.parseInt(participants.group(2)), participants.group(1) != null, 1));
    }

    private static LocalDate date(int line, String value, List<LineError> problems, LocalDate today) {
        LocalDate date = date(line, value, problems, today.getYear());
        if (date != null && date.isAfter(today)) {
            // A record of the past: an activity still to come is planned, so that teachers can register for it.
            problems.add(LineError.of(line, "future", "date '" + value + "' lies in the future: the log is of past activities", value));
            return null;
        }
        return date;
    }

    private static LocalDate date(int line, String value, List<LineError> problems, int thisYear) {
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1900 || date.getYear() > 9999) {
                problems.add(LineError.of(line, "dateRange", "date '" + value + "' is out of range (years 1900 to 9999)", value));
                return null;
            }
            return date;
        } catch (DateTimeParseException iso) {
            Matcher dutch = DUTCH_DATE.matcher(value.toLowerCase(Locale.ROOT));
            if (dutch.matches() && DUTCH_MONTHS.containsKey(dutch.group(2))) {
                try {
                    return LocalDate.of(century(Integer.parseInt(dutch.group(3)), thisYear), DUTCH_MONTHS.get(dutch.group(2)), Integer.parseInt(dutch.group(1)));
                } catch (DateTimeException e) {
                    problems.add(LineError.of(line, "dateMissing", "date '" + value + "' does not exist", value));
                    return null;
                }
            }
            problems.add(LineError.of(line, "dateFormat", "date '" + value + "' is neither ISO (2023-01-12) nor d-MMM-yy in Dutch (12-jan-23)",
                    value));
            return null;
        }
    }

    /** A two-digit year of a past log: this century unless that lies after this year ({@code 99} is 1999). */
    static int century(int twoDigits, int thisYear) {
        int year = 2000 + twoDigits;
        return year > thisYear ? year - 100 : year;
    }

    private static String required(int line, String value, String field, List<LineError> problems) {
        if (value == null || value.isBlank()) {
            problems.add(LineError.of(line, "required." + field, field + " is empty"));
            return "";
        }
        return value.strip();
    }
}
