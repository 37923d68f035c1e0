package org.stemreach.analytics.network;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Networks with their own period start, and what "ALL networks" then covers. */
class NetworkCalendarsTest {

    private final NetworkCalendars calendars = new NetworkCalendars(new AnalyticsProperties("12-15", ZoneId.of("Europe/Brussels"),
            Map.of("STEMBASIS", new AnalyticsProperties.Network("09-01"))));

    @Test
    void allNetworksSpanFromTheEarliestFirstDayToTheLatestLastDayOfTheirPeriodsWithThatLabel() {
        var all = calendars.periodOfAll("2026", List.of("STEMBASIS", "ISTEM"));

        assertThat(all.from()).isEqualTo(LocalDate.parse("2025-09-01"));
        assertThat(all.to()).isEqualTo(LocalDate.parse("2026-12-14"));
        assertThat(calendars.periodOfAll("2026", List.of("ISTEM"))).isEqualTo(calendars.schemeOf("ISTEM").period("2026"));
        assertThat(calendars.periodOfAll("2026", List.of())).isEqualTo(calendars.defaultScheme().period("2026"));
    }

    @Test
    void theFingerprintNamesEveryCalendarAndChangesWithAnyOfThem() {
        assertThat(calendars.fingerprint()).isEqualTo("default=12-15 STEMBASIS=09-01 zone=Europe/Brussels");
        assertThat(new NetworkCalendars(new AnalyticsProperties("12-15", ZoneId.of("Europe/Brussels"),
                Map.of("STEMBASIS", new AnalyticsProperties.Network("09-02")))).fingerprint()).isNotEqualTo(calendars.fingerprint());
        assertThat(new NetworkCalendars(new AnalyticsProperties("12-15", ZoneId.of("UTC"),
                Map.of("STEMBASIS", new AnalyticsProperties.Network("09-01")))).fingerprint()).isNotEqualTo(calendars.fingerprint());
    }

    @Test
    void theCurrentPeriodOfAllNetworksIsTheLatestOfTheirCurrentOnes() {
        // 1 October 2026: STEMBASIS is in its period 2027 already, the default networks still in 2026.
        Instant october = Instant.parse("2026-10-01T10:00:00Z");

        assertThat(calendars.currentLabel(List.of("ISTEM", "STEMBASIS"), october)).isEqualTo("2027");
        assertThat(calendars.currentLabel(List.of("ISTEM"), october)).isEqualTo("2026");
    }
}
