package org.stemreach.analytics.kpi;

import org.springframework.stereotype.Service;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.model.period.ReportingPeriod;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KPI documents: facts for the selection (network or ALL, period, optional partner and location), the calculator,
 * and the previous period for comparison. A document is kept until the next applied batch.
 */
@Service
public class KpiService {

    private final FactStore facts;
    private final Targets targets;
    private final NetworkCalendars calendars;
    private final Clock clock;
    private final Map<KpiQuery, Cached> cache = new ConcurrentHashMap<>();

    public KpiService(FactStore facts, Targets targets, NetworkCalendars calendars, Clock clock) {
        this.facts = facts;
        this.targets = targets;
        this.calendars = calendars;
        this.clock = clock;
    }

    private record Cached(long version, KpiDocument document) {
    }

    public KpiDocument document(KpiQuery query) {
        long version = facts.version() * 1_000_000 + targets.version();
        Cached cached = cache.get(query);
        if (cached != null && cached.version() == version) {
            return cached.document();
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        KpiDocument document = compute(query);
        cache.put(query, new Cached(version, document));
        return document;
    }

    private KpiDocument compute(KpiQuery query) {
        ReportingPeriod period = (query.allNetworks() ? calendars.defaultScheme() : calendars.schemeOf(query.network())).period(query.period());
        String network = query.allNetworks() ? null : query.network();
        boolean filtered = query.partner().isPresent() || query.location().isPresent();
        List<ReachFacts.Activity> activities = activities(query);
        // Downloads and external figures belong to a network, not to a partner or location.
        List<ReachFacts.ProjectDownloads> downloads = filtered ? List.of() : facts.downloads(network, query.period());
        KpiQuery previous = query.previousPeriod();
        List<ReachFacts.Activity> previousActivities = activities(previous);
        long previousIndirect = filtered ? 0 : facts.downloads(network, previous.period()).stream()
                .mapToLong(d -> d.sheets() + d.materials()).sum();
        Map<String, Long> previousFigures = previousActivities.isEmpty() && previousIndirect == 0 ? Map.of()
                : KpiCalculator.reachFigures(KpiCalculator.reach(previousActivities, previousIndirect, Map.of()));
        return KpiCalculator.document(new KpiCalculator.Context(query.network(), period, clock.instant(), facts.eventsApplied(), facts.lastEventAt()),
                activities, downloads, filtered ? List.of() : facts.external(network, query.period()),
                filtered ? List.of() : targets.of(network, query.period()), previousFigures);
    }

    /** The activities of a selection (also for drill-down from a figure). */
    public List<ReachFacts.Activity> activities(KpiQuery query) {
        return facts.activities().stream()
                .filter(a -> a.period().equals(query.period()))
                .filter(a -> query.allNetworks() || a.network().equals(query.network()))
                .filter(a -> query.partner().map(p -> p.equals(a.partnerId()) || p.equals(a.partner())).orElse(true))
                .filter(a -> query.location().map(l -> l.equals(a.locationId()) || l.equals(a.location())).orElse(true))
                .toList();
    }
}
