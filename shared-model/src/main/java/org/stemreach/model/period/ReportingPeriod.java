package org.stemreach.model.period;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One reporting period of a network: {@code from} and {@code to} inclusive, named after the
 * year in which it ends (period {@code 2023} = 2022-12-15 ... 2023-12-14 with the default scheme).
 */
public record ReportingPeriod(String label, LocalDate from, LocalDate to) {

    public ReportingPeriod {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period " + label + " ends before it starts");
        }
        if (!label.equals(String.valueOf(to.getYear()))) {
            throw new IllegalArgumentException("period " + label + " must be named after the year it ends in (" + to.getYear() + ")");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    public int year() {
        return to.getYear();
    }
}
