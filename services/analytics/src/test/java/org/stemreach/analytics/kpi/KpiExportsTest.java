package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.Test;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.period.ReportingPeriodScheme;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KpiExportsTest {

    private static final KpiCalculator.Context CONTEXT = new KpiCalculator.Context("ISTEM",
            ReportingPeriodScheme.DEFAULT.period("2031"), Instant.parse("2031-12-20T08:00:00Z"), 1234, null);

    private static KpiDocument document() {
        Map<String, String> basic = new java.util.LinkedHashMap<>(Map.of("x", "school-a", "y", "school-b"));
        Facts facts = new Facts().activity(ActivityTypes.NOCTURNE, 30).attended(ActivityTypes.BASIC_TRAJECTORY, basic, 0)
                .headcount(ActivityTypes.EXTENSION_TRAJECTORY, 15)
                .preService("UCLL", "Bachelor secundair onderwijs", "BACHELOR", 20).preService("UCLL", "Bachelor lager onderwijs", "BACHELOR", 12)
                .preService("KU Leuven", "Educatieve master STEM", "MASTER", 15);
        return KpiCalculator.document(CONTEXT, facts.build(), List.of(new ReachFacts.ProjectDownloads("p", "Windmolens", 300, 200)),
                List.of(new ReachFacts.ExternalFigure("klascement", "resources_viewed", 12_345_678)),
                List.of(new ReachFacts.Target("directParticipations", 1500), new ReachFacts.Target("indirect", 700)),
                Map.of("directParticipations", 40L, "indirect", 400L, "distinctTeachers", 0L));
    }

    @Test
    void everyTableOfTheReportIsExportedWithItsTotals() {
        Map<String, List<List<Object>>> tables = KpiExports.tables(document(), false);

        assertThat(tables.get("pre_service_programmes")).as("the programmes involved, as the report says")
                .containsExactly(List.of("level", "programmes"), List.of("BACHELOR", 2L), List.of("MASTER", 1L));
        assertThat(tables.get("downloads_ratio")).containsExactly(List.of("lesson_materials_per_project_sheet"), List.of(0.667));
        List<List<Object>> trajectories = tables.get("trajectories");
        assertThat(trajectories.get(trajectories.size() - 1)).as("the sum of the rows")
                .isEqualTo(List.of("TOTAL", "", "", 2L + 15L, 2L));
        assertThat(tables.get("reach")).contains(List.of("directParticipations", 30L + 2L + 15L, 40L, 17.5), List.of("indirect", 500L, 400L, 25.0),
                List.of("distinctTeachers", 32L, 0L, ""));
        assertThat(tables.get("targets")).contains(List.of("indirect", 700.0, 500.0, 71.4));
    }

    @Test
    void theParticipantsPerTypeAreComparedWithThePreviousPeriod() {
        KpiDocument previous = KpiCalculator.document(CONTEXT, new Facts().activity(ActivityTypes.NOCTURNE, 20)
                .activity(ActivityTypes.WORKSHOP, 10).build(), List.of(), List.of(), List.of(), Map.of());

        List<List<Object>> trainings = KpiExports.tables(document(), previous, false).get("trainings");

        assertThat(trainings.get(0)).containsExactly("type", "activities", "participants", "previous_period_participants", "change_pct");
        assertThat(trainings.subList(1, trainings.size())).as("a type of the previous period alone too, so the rows add up to the total")
                .containsExactly(List.of(ActivityTypes.NOCTURNE, 1L, 30L, 20L, 50.0), List.of(ActivityTypes.WORKSHOP, 0L, 0L, 10L, -100.0),
                        List.of("TOTAL", 1L, 30L, 30L, 0.0));
        assertThat(KpiExports.tables(document(), false).get("trainings")).as("no previous period: empty cells")
                .contains(List.of("TOTAL", 1L, 30L, "", ""));
    }

    @Test
    void theDownloadsAndTrajectoriesTotalsAreComparedWithThePreviousPeriod() {
        KpiDocument previous = KpiCalculator.document(CONTEXT, new Facts().attended(ActivityTypes.BASIC_TRAJECTORY,
                        new java.util.LinkedHashMap<>(Map.of("x", "school-a", "y", "school-a", "z", "school-c", "v", "school-c")), 0).build(),
                List.of(new ReachFacts.ProjectDownloads("p", "Windmolens", 200, 0)), List.of(), List.of(), Map.of());

        Map<String, List<List<Object>>> tables = KpiExports.tables(document(), previous, false);

        List<List<Object>> downloads = tables.get("downloads");
        assertThat(downloads.subList(downloads.size() - 3, downloads.size())).as("below the total: the previous period's, and the change")
                .containsExactly(List.of("TOTAL", 300L, 200L, 500L), List.of("PREVIOUS PERIOD", 200L, 0L, 200L), List.of("CHANGE PCT", 50.0, "", 150.0));
        List<List<Object>> trajectories = tables.get("trajectories");
        assertThat(trajectories.subList(trajectories.size() - 2, trajectories.size()))
                .containsExactly(List.of("PREVIOUS PERIOD", "", "", 4L, 2L), List.of("CHANGE PCT", "", "", 325.0, 0.0));
        assertThat(KpiExports.tables(document(), false).get("downloads")).as("no previous period: no rows for it")
                .last().isEqualTo(List.of("TOTAL", 300L, 200L, 500L));
    }

    @Test
    void aPartnersOrLocationsExportLeavesOutTheNetworksOwnFiguresRatherThanShowingZeros() {
        Map<String, List<List<Object>>> tables = KpiExports.tables(document(), true);

        assertThat(tables).doesNotContainKeys("downloads", "downloads_ratio", "external_channels", "targets");
        assertThat(tables.get("reach")).contains(List.of("indirect", "", "", ""));
        assertThat(KpiExports.fileName(new KpiQuery("ISTEM", "2031", Optional.of("KU Leuven"), Optional.of("Campus Kortrijk")), ".xlsx"))
                .isEqualTo("kpi-ISTEM-2031-partner-KU_Leuven-location-Campus_Kortrijk.xlsx");
        assertThat(KpiExports.fileName(new KpiQuery("ISTEM", "2031", Optional.empty(), Optional.empty()), "-reach.csv"))
                .isEqualTo("kpi-ISTEM-2031-reach.csv");
    }

    @Test
    void csvNumbersAreReadByASpreadsheetSetToDutch() {
        assertThat(KpiExports.csvCell(1500.0)).as("a whole number: no decimals").isEqualTo("1500");
        assertThat(KpiExports.csvCell(12_345_678.0)).as("no exponent").isEqualTo("12345678");
        assertThat(KpiExports.csvCell(71.4)).as("a decimal comma").isEqualTo("71,4");
        assertThat(KpiExports.csvCell(42L)).isEqualTo(42L);
        assertThat(KpiExports.csvCell("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
    }
}
