package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiQueryTest {

    @Test
    void aPartnerOrLocationIsAnIdOrANameNotAnyLengthOfText() {
        String tooLong = "x".repeat(KpiQuery.MAX_FILTER + 1);

        assertThat(new KpiQuery("ISTEM", "2026", Optional.of("kuleuven"), Optional.of("Campus Kulak")).partner()).contains("kuleuven");
        assertThat(new KpiQuery("ISTEM", "2026", Optional.of(" "), Optional.empty()).partner()).as("blank: no filter").isEmpty();
        assertThatThrownBy(() -> new KpiQuery("ISTEM", "2026", Optional.of(tooLong), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200");
        assertThatThrownBy(() -> new KpiQuery("ISTEM", "2026", Optional.empty(), Optional.of(tooLong)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPeriodIsAFourDigitYearWhosePreviousPeriodIsOneToo() {
        assertThat(new KpiQuery("ISTEM", "2026", Optional.empty(), Optional.empty()).previousPeriod()).get()
                .extracting(KpiQuery::period).isEqualTo("2025");
        assertThat(new KpiQuery("ISTEM", "1000", Optional.empty(), Optional.empty()).previousPeriod()).as("no year 999 to compare with").isEmpty();
        for (String period : new String[]{"0999", "999", "20265", "2O26"}) {
            assertThatThrownBy(() -> new KpiQuery("ISTEM", period, Optional.empty(), Optional.empty())).as(period)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("four-digit year");
        }
    }
}
