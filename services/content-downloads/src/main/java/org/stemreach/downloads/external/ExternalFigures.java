package org.stemreach.downloads.external;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Projections;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.model.NetworkId;
import org.stemreach.model.downloads.ExternalFigureReported;
import org.stemreach.model.event.EventCatalog;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Figures from outside channels (a national resource portal's "resources viewed" / "resources used", social-media
 * reach, website visitors), entered one by one or uploaded as CSV ({@code channel;metric;network;period;value}).
 * Each is published as an event; analytics reports them beside the platform's downloads, never added into them.
 */
@Service
public class ExternalFigures {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,79}");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}");

    private final MongoTemplate mongo;
    private final Outbox outbox;

    public ExternalFigures(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    public record Figure(String channel, String metric, String network, String period, double value) {
    }

    /**
     * A problem with a figure or a line: in English for the API ({@code message}), and as a message key
     * ({@code ops.figures.problem.<code>}) with its arguments, for the operations page in the reader's language.
     */
    public record Problem(String code, List<Object> args, String message) {
        static Problem of(String code, String message, Object... args) {
            return new Problem(code, java.util.Arrays.asList(args), message);
        }
    }

    /** A problem of a line of the file (0: the whole file). */
    public record LineError(int line, String message, String code, List<Object> args) {
        LineError(int line, Problem problem) {
            this(line, problem.message(), problem.code(), problem.args());
        }
    }

    /** What is wrong with a figure, as of today (a period may end at most next year); empty when it is fine. */
    public List<Problem> problemsOf(Figure figure) {
        return problems(figure, java.time.Year.now(outbox.clock()).getValue());
    }

    static List<Problem> problems(Figure figure, int thisYear) {
        List<Problem> problems = new ArrayList<>();
        if (figure.channel() == null || !NAME.matcher(figure.channel()).matches()) {
            problems.add(Problem.of("channel", "channel is a lower-case name such as klascement or facebook"));
        }
        if (figure.metric() == null || !NAME.matcher(figure.metric()).matches()) {
            problems.add(Problem.of("metric", "metric is a lower-case name such as resources_viewed"));
        }
        try {
            NetworkId.of(figure.network());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of("network", "network '" + figure.network() + "' is not a network label", String.valueOf(figure.network())));
        }
        if (figure.period() == null || !PERIOD.matcher(figure.period()).matches()) {
            problems.add(Problem.of("period", "period is the four-digit year in which the reporting period ends"));
        }
        if (!(figure.value() >= 0) || Double.isInfinite(figure.value())) {
            problems.add(Problem.of("value", "value must be a number of at least 0"));
        } else if (figure.value() > MAX_VALUE) {
            String value = java.math.BigDecimal.valueOf(figure.value()).toPlainString();
            problems.add(Problem.of("tooLarge", "value " + value + " is larger than any channel reaches", value));
        }
        if (figure.period() != null && PERIOD.matcher(figure.period()).matches()
                && (Integer.parseInt(figure.period()) < 2000 || Integer.parseInt(figure.period()) > thisYear + 1)) {
            problems.add(Problem.of("periodRange", "period " + figure.period() + " is not a reporting period (2000 up to " + (thisYear + 1) + ")",
                    figure.period(), String.valueOf(thisYear + 1)));
        }
        return problems;
    }

    public void report(Figure figure) {
        Instant now = outbox.clock().instant();
        String id = figure.network() + "|" + figure.period() + "|" + figure.channel() + "|" + figure.metric();
        var event = outbox.event(EventCatalog.EXTERNAL_FIGURE_REPORTED, "external-figure", id,
                new ExternalFigureReported(figure.channel(), figure.metric(), NetworkId.of(figure.network()), figure.period(), figure.value(), now), now);
        mongo.upsert(new Query(Criteria.where("_id").is(id)), new Update()
                .set("channel", figure.channel()).set("metric", figure.metric()).set("network", figure.network())
                .set("period", figure.period()).set("value", figure.value()).set("reportedAt", now)
                .push(HasOutbox.FIELD, event), ExternalFigure.class);
        outbox.written(ExternalFigure.COLLECTION, id);
    }

    /**
     * Checks every line first; reports all figures only when none has a problem. A database failing halfway is a 503 that
     * says how many were reported (sending the file again finishes it).
     */
    public List<LineError> upload(Reader csv, Predicate<String> mayReportFor) {
        List<Figure> figures = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = format.parse(csv)) {
            boolean header = true;
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            int thisYear = java.time.Year.now(outbox.clock()).getValue();
            for (CSVRecord record : parser) {
                // the file's line (blank lines counted), for the person who opens it to correct it
                int line = (int) parser.getCurrentLineNumber();
                if (header) {
                    header = false;
                    if (!record.toList().stream().map(v -> v.replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList()
                            .equals(List.of("channel", "metric", "network", "period", "value"))) {
                        errors.add(new LineError(line, Problem.of("header", "the first line must be channel;metric;network;period;value")));
                        return errors;
                    }
                    continue;
                }
                if (record.size() != 5) {
                    errors.add(new LineError(line, Problem.of("fields", "expected 5 fields separated by ';'")));
                    continue;
                }
                if (AMBIGUOUS.matcher(record.get(4).strip()).matches()) {
                    String raw = record.get(4).strip();
                    String thousands = raw.replace(",", "");
                    String decimal = raw.replaceAll("0+$", "");
                    errors.add(new LineError(line, Problem.of("ambiguous", "value '" + raw + "' could be thousands or a decimal: write "
                            + thousands + " or " + decimal, raw, thousands, decimal)));
                    continue;
                }
                double value = parseValue(record.get(4));
                Figure figure = new Figure(record.get(0).toLowerCase(Locale.ROOT), record.get(1).toLowerCase(Locale.ROOT),
                        record.get(2), record.get(3), value);
                List<Problem> problems = problems(figure, thisYear);
                problems.forEach(problem -> errors.add(new LineError(line, problem)));
                if (problems.isEmpty() && !mayReportFor.test(figure.network())) {
                    errors.add(new LineError(line, Problem.of("forbidden", "you may not report figures of network " + figure.network(), figure.network())));
                }
                Integer before = seen.putIfAbsent(figure.network() + "|" + figure.period() + "|" + figure.channel() + "|" + figure.metric(), line);
                if (before != null) {
                    errors.add(new LineError(line, Problem.of("duplicate", "the same figure as on line " + before + " (network, period, channel and metric)",
                            String.valueOf(before))));
                }
                figures.add(figure);
            }
        } catch (IOException | UncheckedIOException e) {
            errors.add(new LineError(0, Problem.of("csv", "the file is not valid CSV: " + e.getMessage())));
        }
        if (errors.isEmpty() && figures.isEmpty()) {
            errors.add(new LineError(0, Problem.of("empty", "the file holds no figures: a first line channel;metric;network;period;value, then one figure per line")));
        }
        if (errors.isEmpty()) {
            int reported = 0;
            for (Figure figure : figures) {
                try {
                    report(figure);
                    reported++;
                } catch (org.springframework.dao.DataAccessException e) {
                    // The database failed halfway (each figure is written alone, with its event): say how far it came. The
                    // same file again finishes it; a figure reported twice is the same figure, reported again.
                    throw new org.stemreach.kit.web.ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                            "Upload interrupted", "the database failed after " + reported + " of " + figures.size()
                            + " figures of this file were reported; send the same file again to finish",
                            java.util.Map.of("reported", reported, "total", figures.size()));
                }
            }
        }
        return errors;
    }

    /** One comma and three digits: 12,500 is twelve thousand five hundred in English and twelve and a half in Dutch. */
    private static final java.util.regex.Pattern AMBIGUOUS = java.util.regex.Pattern.compile("\\d{1,3},\\d{3}");
    /** No channel reaches more (a figure above is a typing error). */
    static final double MAX_VALUE = 1e12;

    /**
     * A value as people write it in a Belgian spreadsheet or in English: {@code 12500}, {@code 12.500} and
     * {@code 12 500} (nl-BE thousands), {@code 12,5} (nl-BE decimal), {@code 12.5} and {@code 12,500.5} (English).
     * A dot followed by exactly three digits (once or more) groups thousands; with both marks the last one is the
     * decimal mark. Answers -1 for anything else (reported as a problem of the line).
     */
    static double parseValue(String raw) {
        String value = raw.replaceAll("[\\s\u00A0\u202F]", "");
        int dot = value.lastIndexOf('.');
        int comma = value.lastIndexOf(',');
        if (dot >= 0 && comma >= 0) {
            value = dot > comma ? value.replace(",", "") : value.replace(".", "").replace(',', '.');
        } else if (comma >= 0) {
            value = value.matches("\\d{1,3}(,\\d{3}){2,}") ? value.replace(",", "") : value.replace(',', '.');
        } else if (value.matches("\\d{1,3}(\\.\\d{3})+")) {
            value = value.replace(".", "");
        }
        if (!value.matches("\\d+(\\.\\d+)?")) {
            return -1;
        }
        return Double.parseDouble(value);
    }

    public List<ExternalFigure> of(java.util.Collection<String> networks) {
        Query query = networks == null ? new Query() : new Query(Criteria.where("network").in(networks));
        return mongo.find(Projections.allBut(mongo, query, ExternalFigure.class, HasOutbox.FIELD), ExternalFigure.class);
    }
}
