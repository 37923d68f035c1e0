package org.stemreach.model.period;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportingPeriodSchemeTest {

    private final ReportingPeriodScheme scheme = ReportingPeriodScheme.DEFAULT;

    @Test
    void defaultPeriodIsNamedAfterTheYearItEndsIn() {
        ReportingPeriod period = scheme.period("2023");

        assertThat(period.from()).isEqualTo(LocalDate.of(2022, 12, 15));
        assertThat(period.to()).isEqualTo(LocalDate.of(2023, 12, 14));
        assertThat(period.label()).isEqualTo("2023");
    }

    @ParameterizedTest(name = "{0} belongs to period {1}")
    @CsvSource({
            "2022-12-14, 2022",
            "2022-12-15, 2023",
            "2023-01-01, 2023",
            "2023-12-14, 2023",
            "2023-12-15, 2024",
            "2023-12-31, 2024",
            "2024-02-29, 2024",
    })
    void boundariesAre14And15December(LocalDate date, String label) {
        ReportingPeriod period = scheme.periodOf(date);

        assertThat(period.label()).isEqualTo(label);
        assertThat(period.contains(date)).isTrue();
    }

    @Test
    void aPeriodContainingALeapDayHas366Days() {
        ReportingPeriod leap = scheme.period("2024");
        ReportingPeriod common = scheme.period("2023");

        assertThat(leap.from().datesUntil(leap.to().plusDays(1)).count()).isEqualTo(366);
        assertThat(common.from().datesUntil(common.to().plusDays(1)).count()).isEqualTo(365);
    }

    @Test
    void consecutivePeriodsTouchWithoutGapOrOverlap() {
        for (int year = 2019; year <= 2032; year++) {
            ReportingPeriod period = scheme.period(year);
            ReportingPeriod next = scheme.period(year + 1);
            assertThat(next.from()).isEqualTo(period.to().plusDays(1));
            assertThat(scheme.previous(next)).isEqualTo(period);
        }
    }

    @Test
    void aSchemeStartingOnFirstJanuaryGivesCalendarYears() {
        ReportingPeriodScheme calendar = ReportingPeriodScheme.startingOn(MonthDay.of(Month.JANUARY, 1));

        assertThat(calendar.period("2025").from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(calendar.period("2025").to()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(calendar.periodOf(LocalDate.of(2025, 12, 31)).label()).isEqualTo("2025");
        assertThat(calendar.periodOf(LocalDate.of(2026, 1, 1)).label()).isEqualTo("2026");
    }

    @Test
    void aSchoolYearSchemeEndsOnTheLastDayOfFebruaryOrAugustAsTheCalendarSays() {
        ReportingPeriodScheme march = ReportingPeriodScheme.startingOn(MonthDay.of(Month.MARCH, 1));

        assertThat(march.period("2024").to()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(march.period("2025").to()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(march.periodOf(LocalDate.of(2024, 2, 29)).label()).isEqualTo("2024");
        assertThat(march.periodOf(LocalDate.of(2024, 3, 1)).label()).isEqualTo("2025");
    }

    @Test
    void instantsAreDatedInTheNetworksTimeZone() {
        // 23:30 UTC on 14 December is already 15 December in Brussels.
        Instant lateEvening = Instant.parse("2022-12-14T23:30:00Z");

        assertThat(scheme.periodOf(lateEvening).label()).isEqualTo("2023");
        assertThat(new ReportingPeriodScheme(ReportingPeriodScheme.DEFAULT_START, ZoneId.of("UTC"))
                .periodOf(lateEvening).label()).isEqualTo("2022");
    }

    @Test
    void rejectsLeapDayStartsAndMalformedLabels() {
        assertThatThrownBy(() -> ReportingPeriodScheme.startingOn(MonthDay.of(Month.FEBRUARY, 29)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheme.period("23")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheme.period("2023-24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheme.period((String) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPeriodMustBeNamedAfterItsLastYear() {
        assertThatThrownBy(() -> new ReportingPeriod("2022", LocalDate.of(2022, 12, 15), LocalDate.of(2023, 12, 14)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
