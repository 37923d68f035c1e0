package org.stemreach.demo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the day the demo is loaded, its year has happened mostly, and lies in this period and the previous one. */
class DemoContextTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-14", "2026-12-15", "2026-12-16", "2026-12-25", "2027-01-01", "2027-03-01", "2027-06-30", "2027-11-23"})
    void theDemoYearIsTheLast300DaysAndAMonthAheadWhateverTheDayOfThePeriod(String day) {
        DemoContext demo = new DemoContext("http://localhost:8080", Map.of(),
                Clock.fixed(Instant.parse(day + "T10:00:00Z"), ZoneOffset.UTC));

        assertThat(demo.yearStart()).isEqualTo(demo.today().minusDays(300));
        assertThat(demo.yearStart()).as("within the previous period or this one").isAfterOrEqualTo(demo.previousPeriod().from());
        assertThat(demo.archiveStart()).as("the year before, for comparison").isBefore(demo.previousPeriod().to());
        // The registrations demo's activities lie on days 30 to 330 of the demo year: most past, some ahead.
        assertThat(demo.yearStart().plusDays(RegistrationsDemo.PLANS.stream().mapToInt(RegistrationsDemo.Plan::day).max().orElseThrow()))
                .isAfter(demo.today());
        assertThat(RegistrationsDemo.PLANS.stream().filter(plan -> !demo.yearStart().plusDays(plan.day()).isAfter(demo.today())).count())
                .as("activities that took place").isGreaterThan(RegistrationsDemo.PLANS.size() / 2);
        if (!demo.today().isBefore(demo.currentPeriod().from().plusDays(10))) {
            assertThat(RegistrationsDemo.PLANS.stream().map(plan -> demo.yearStart().plusDays(plan.day()))
                    .filter(date -> !date.isBefore(demo.currentPeriod().from()) && !date.isAfter(demo.today())))
                    .as("a period ten days old has held activities already").isNotEmpty();
        }
        for (String network : new String[]{"ISTEM", "STEMBASIS"}) {
            assertThat(RegistrationsDemo.PLANS.stream().filter(plan -> RegistrationsDemo.PLACES.get(plan.place()).network().equals(network))
                    .filter(plan -> demo.yearStart().plusDays(plan.day()).isAfter(demo.today()) && plan.registrants() < plan.capacity()))
                    .as("an activity ahead with free places in " + network).isNotEmpty();
        }
    }
}
