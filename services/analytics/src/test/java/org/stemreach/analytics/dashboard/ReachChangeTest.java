package org.stemreach.analytics.dashboard;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The yearly report's change against the previous period. */
class ReachChangeTest {

    @Test
    void eachFigureChangesByItsFractionOfThePreviousPeriodAndWithoutOneThereIsNoChange() {
        Map<String, Long> now = new LinkedHashMap<>();
        now.put("directParticipations", 150L);
        now.put("indirect", 80L);
        now.put("distinctTeachers", 40L);
        now.put("preServiceStudents", 5L);

        Map<String, Double> changes = org.stemreach.analytics.kpi.KpiCalculator.changes(now, Map.of("directParticipations", 100L, "indirect", 100L, "distinctTeachers", 0L));

        assertThat(changes.get("directParticipations")).isEqualTo(0.5);
        assertThat(changes.get("indirect")).isEqualTo(-0.2);
        assertThat(changes).as("from nothing, or nothing to compare with").containsEntry("distinctTeachers", null).containsEntry("preServiceStudents", null);
        assertThat(org.stemreach.analytics.kpi.KpiCalculator.changes(now, null)).containsOnlyKeys(now.keySet()).allSatisfy((kpi, change) -> assertThat(change).isNull());
    }
}
