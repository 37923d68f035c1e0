package org.stemreach.analytics.dashboard;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.stemreach.analytics.kpi.FactStore;
import org.stemreach.analytics.kpi.KpiAccess;
import org.stemreach.analytics.kpi.KpiDocument;
import org.stemreach.analytics.kpi.KpiQuery;
import org.stemreach.analytics.kpi.KpiService;
import org.stemreach.analytics.kpi.ReachFacts;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the live dashboard draws: the KPI document and the series of its charts; and the live update stream. */
@RestController
class DashboardApi {

    private final KpiService kpis;
    private final FactStore facts;
    private final LiveUpdates live;

    DashboardApi(KpiService kpis, FactStore facts, LiveUpdates live) {
        this.kpis = kpis;
        this.facts = facts;
        this.live = live;
    }

    record Series(List<String> labels, Map<String, List<Long>> values) {
    }

    record Dashboard(KpiDocument kpis, Series participantsPerMonth, Series downloadsPerWeek, Series perPartner, Series perLocation,
                     List<String> partners, List<String> locations) {
    }

    @GetMapping(path = "/api/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    Dashboard dashboard(@RequestParam String network, @RequestParam String period,
                        @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        KpiQuery query = KpiAccess.allowed(new KpiQuery(network, period, partner, location));
        KpiDocument document = kpis.document(query);
        List<ReachFacts.Activity> activities = kpis.activities(query);
        List<ReachFacts.Activity> all = kpis.activities(new KpiQuery(network, period, Optional.empty(), Optional.empty()));
        return new Dashboard(document, perMonth(activities, document.period().from(), document.period().to()),
                partner.isPresent() || location.isPresent() ? new Series(List.of(), Map.of())
                        : perWeek(facts.downloadsPerDay(query.allNetworks() ? null : network, period), document.period().from()),
                byPlace(activities, true), byPlace(activities, false),
                // By name, as people know them (the filters match a name as well as an id); online activities under "online".
                all.stream().map(ReachFacts.Activity::partner).filter(java.util.Objects::nonNull).distinct().sorted().toList(),
                all.stream().map(ReachFacts.Activity::location).filter(java.util.Objects::nonNull).distinct().sorted().toList());
    }

    @GetMapping(path = "/api/kpis/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return live.subscribe(KpiAccess.caller());
    }

    /** Participants per activity type per month of the period (for ALL networks: of the span of their periods). */
    static Series perMonth(List<ReachFacts.Activity> activities, LocalDate from, LocalDate to) {
        List<String> labels = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            labels.add(month.toString());
        }
        Map<String, List<Long>> values = new TreeMap<>();
        for (ReachFacts.Activity activity : activities) {
            int index = labels.indexOf(YearMonth.from(activity.firstSession()).toString());
            if (index >= 0) {
                List<Long> series = values.computeIfAbsent(activity.type(), t -> new ArrayList<>(java.util.Collections.nCopies(labels.size(), 0L)));
                series.set(index, series.get(index) + activity.participants());
            }
        }
        return new Series(labels, values);
    }

    /** Downloads (sheets and material) per week of the period. */
    static Series perWeek(Map<String, long[]> perDay, LocalDate from) {
        Map<Long, long[]> weeks = new TreeMap<>();
        perDay.forEach((day, counts) -> {
            long week = ChronoUnit.WEEKS.between(from, LocalDate.parse(day));
            long[] sum = weeks.computeIfAbsent(week, w -> new long[2]);
            sum[0] += counts[0];
            sum[1] += counts[1];
        });
        List<String> labels = new ArrayList<>();
        List<Long> sheets = new ArrayList<>();
        List<Long> materials = new ArrayList<>();
        weeks.forEach((week, counts) -> {
            labels.add(from.plusWeeks(week).toString());
            sheets.add(counts[0]);
            materials.add(counts[1]);
        });
        Map<String, List<Long>> values = new LinkedHashMap<>();
        values.put("SHEET", sheets);
        values.put("MATERIAL", materials);
        return new Series(labels, values);
    }

    static Series byPlace(List<ReachFacts.Activity> activities, boolean partner) {
        Map<String, Long> participants = new TreeMap<>();
        for (ReachFacts.Activity activity : activities) {
            participants.merge(partner ? activity.partner() : activity.location(), activity.participants(), Long::sum);
        }
        return new Series(new ArrayList<>(participants.keySet()), Map.of("participants", new ArrayList<>(participants.values())));
    }
}
