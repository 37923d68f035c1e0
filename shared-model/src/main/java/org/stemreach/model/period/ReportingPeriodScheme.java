package org.stemreach.model.period;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a network cuts time into reporting periods: every period starts on the same day of the year
 * ({@link #start}) and lasts one year; a period is named after the year in which it ends.
 * The default starts on 15 December, so period {@code 2023} runs from 2022-12-15 to 2023-12-14.
 * A scheme starting on 1 January gives calendar years. Dates are taken in the network's time zone.
 */
public record ReportingPeriodScheme(MonthDay start, ZoneId zone) {

    public static final MonthDay DEFAULT_START = MonthDay.of(Month.DECEMBER, 15);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Brussels");
    public static final ReportingPeriodScheme DEFAULT = new ReportingPeriodScheme(DEFAULT_START, DEFAULT_ZONE);

    private static final MonthDay NEW_YEAR = MonthDay.of(Month.JANUARY, 1);
    private static final Pattern LABEL = Pattern.compile("\\d{4}");

    public ReportingPeriodScheme {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        if (start.equals(MonthDay.of(Month.FEBRUARY, 29))) {
            throw new IllegalArgumentException("a reporting period cannot start on 29 February: it does not exist every year");
        }
    }

    public static ReportingPeriodScheme startingOn(MonthDay start) {
        return new ReportingPeriodScheme(start, DEFAULT_ZONE);
    }

    /** The period with this label, e.g. {@code "2023"}. */
    public ReportingPeriod period(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a period label is a four-digit year, got: " + label);
        }
        return period(Integer.parseInt(label));
    }

    /** The period that ends in {@code endYear}. */
    public ReportingPeriod period(int endYear) {
        try {
            int startYear = start.equals(NEW_YEAR) ? endYear : endYear - 1;
            LocalDate from = start.atYear(startYear);
            LocalDate to = start.atYear(startYear + 1).minusDays(1);
            return new ReportingPeriod(String.valueOf(endYear), from, to);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no reporting period ends in year " + endYear, e);
        }
    }

    /** The period a calendar day belongs to. */
    public ReportingPeriod periodOf(LocalDate date) {
        boolean onOrAfterStart = !date.isBefore(start.atYear(date.getYear()));
        int endYear = onOrAfterStart && !start.equals(NEW_YEAR) ? date.getYear() + 1 : date.getYear();
        return period(endYear);
    }

    /** The period an instant belongs to, taking the date in this scheme's time zone. */
    public ReportingPeriod periodOf(Instant instant) {
        return periodOf(LocalDate.ofInstant(instant, zone));
    }

    public ReportingPeriod previous(ReportingPeriod period) {
        return period(period.year() - 1);
    }
}
