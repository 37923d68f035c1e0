package org.stemreach.analytics.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.stemreach.analytics.kpi.FactStore;
import org.stemreach.analytics.kpi.KpiDocument;
import org.stemreach.analytics.kpi.KpiQuery;
import org.stemreach.analytics.kpi.KpiService;
import org.stemreach.analytics.network.NetworkCalendars;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The business figures as Prometheus gauges, per network, for its current reporting period:
 * {@code stemreach_reach_direct}, {@code stemreach_reach_indirect}, {@code stemreach_reach_distinct_teachers}.
 */
@Component
class ReachGauges {

    private final KpiService kpis;
    private final FactStore facts;
    private final NetworkCalendars calendars;
    private final Clock clock;
    private final MultiGauge direct;
    private final MultiGauge indirect;
    private final MultiGauge distinct;
    private final org.stemreach.analytics.projection.ProjectionLease lease;

    ReachGauges(KpiService kpis, FactStore facts, NetworkCalendars calendars, Clock clock, MeterRegistry meters,
                org.stemreach.analytics.projection.ProjectionLease lease) {
        this.lease = lease;
        this.kpis = kpis;
        this.facts = facts;
        this.calendars = calendars;
        this.clock = clock;
        this.direct = MultiGauge.builder("stemreach.reach.direct").description("direct reach (participations), current period").register(meters);
        this.indirect = MultiGauge.builder("stemreach.reach.indirect").description("indirect reach (downloads), current period").register(meters);
        this.distinct = MultiGauge.builder("stemreach.reach.distinct.teachers").description("distinct teachers reached, current period").register(meters);
    }

    @Scheduled(fixedDelayString = "${stemreach.analytics.gauge-interval:30s}", initialDelayString = "10s")
    void refresh() {
        List<MultiGauge.Row<?>> directRows = new ArrayList<>();
        List<MultiGauge.Row<?>> indirectRows = new ArrayList<>();
        List<MultiGauge.Row<?>> distinctRows = new ArrayList<>();
        // A standby's facts are not kept up to date: it shows no figures (the writing instance does).
        for (String network : lease.isHeld() ? facts.networks() : java.util.Set.<String>of()) {
            String period = calendars.schemeOf(network).periodOf(clock.instant()).label();
            KpiDocument document = kpis.document(new KpiQuery(network, period, Optional.empty(), Optional.empty()));
            Tags tags = Tags.of("network", network, "period", period);
            directRows.add(MultiGauge.Row.of(tags, document.reach().directParticipations()));
            indirectRows.add(MultiGauge.Row.of(tags, document.reach().indirect()));
            distinctRows.add(MultiGauge.Row.of(tags, document.reach().distinctTeachers()));
        }
        direct.register(directRows, true);
        indirect.register(indirectRows, true);
        distinct.register(distinctRows, true);
    }
}
