package org.stemreach.analytics.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.model.period.ReportingPeriod;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * KPI documents: facts for the selection (network or ALL, period, optional partner and location), the calculator,
 * and the previous period for comparison. A document is kept until the next applied batch.
 * <p>
 * The documents asked for in the last {@link #RECENT} (open dashboards, funder feeds, the gauges) are computed
 * again right after a live-sized batch is applied, at most every {@code stemreach.analytics.kpi-prepare-interval}, so
 * the next request finds them ready (while analytics catches up on a backlog, the next request computes). A request
 * for a document that is being computed waits for it instead of computing it too. Each document still carries
 * exactly the facts of the version it was computed for.
 */
@Service
public class KpiService {

    static final Duration RECENT = Duration.ofMinutes(10);
    private static final int MAX_RECENT = 64;
    private static final Logger log = LoggerFactory.getLogger(KpiService.class);

    private final FactStore facts;
    private final Targets targets;
    private final NetworkCalendars calendars;
    private final Clock clock;
    private final Map<KpiQuery, Cached> cache = new ConcurrentHashMap<>();
    private final Map<KpiQuery, Long> askedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService preparer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kpi-prepare");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean preparing = new AtomicBoolean();
    private final long interval;
    private volatile long lastPrepared;
    private final Counter computedOnRequest;
    private final Counter computedAhead;

    public KpiService(FactStore facts, Targets targets, NetworkCalendars calendars, Clock clock, Projector projector, MeterRegistry meters,
                      @Value("${stemreach.analytics.kpi-prepare-interval:250ms}") Duration interval) {
        this.facts = facts;
        this.targets = targets;
        this.calendars = calendars;
        this.clock = clock;
        this.interval = interval.toMillis();
        this.computedOnRequest = Counter.builder("stemreach.kpi.documents.computed").tag("when", "requested")
                .description("KPI documents computed").register(meters);
        this.computedAhead = Counter.builder("stemreach.kpi.documents.computed").tag("when", "ahead")
                .description("KPI documents computed").register(meters);
        // Live traffic only (when FactStore has refreshed eagerly: it listens first); while catching up, the next request
        // computes.
        projector.onApplied(applied -> {
            if (applied.events().size() <= FactStore.EAGER_REFRESH_BATCH && facts.isCurrent()) {
                prepareSoon();
            }
        });
    }

    /**
     * One document per query and version; the first to need it computes it, the others wait for that. {@code ahead}:
     * prepared after a batch, not computed for a request.
     */
    private record Cached(long version, CompletableFuture<KpiDocument> document, boolean ahead) {
    }

    public KpiDocument document(KpiQuery query) {
        noteAsked(query);
        return document(query, computedOnRequest);
    }

    /**
     * The same selection's document of the previous period, to compare a report's or export's tables with; none before
     * period 1000, or when the previous period had nothing (as the reach comparison: {@code reach.previousPeriod} null).
     * Not noted as asked for: it is not prepared again after every batch on its own account.
     */
    public Optional<KpiDocument> previous(KpiQuery query, KpiDocument document) {
        if (document.reach().previousPeriod() == null) {
            return Optional.empty();
        }
        return query.previousPeriod().map(previous -> document(previous, computedOnRequest));
    }

    private KpiDocument document(KpiQuery query, Counter computed) {
        long version = facts.version() * 1_000_000 + targets.version();
        Cached cached = cache.get(query);
        if (cached == null || cached.version() != version) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            Cached mine = new Cached(version, new CompletableFuture<>(), computed == computedAhead);
            cached = cache.compute(query, (q, present) -> present != null && present.version() >= version ? present : mine);
            if (cached == mine) {
                try {
                    mine.document().complete(compute(query, computed));
                    computed.increment();
                } catch (RuntimeException | Error e) {
                    // Whoever waits for it hears of the failure too, and the next request tries again.
                    cache.remove(query, mine);
                    mine.document().completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return cached.document().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Whether the document of the facts as they are now was prepared after their batch (and so is ready for a request). */
    boolean preparedAhead(KpiQuery query) {
        Cached cached = cache.get(query);
        return cached != null && cached.version() == facts.version() * 1_000_000 + targets.version() && cached.ahead()
                && cached.document().isDone();
    }

    private void noteAsked(KpiQuery query) {
        askedAt.put(query, System.currentTimeMillis());
        if (askedAt.size() > MAX_RECENT) {
            askedAt.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(oldest -> askedAt.remove(oldest.getKey()));
        }
    }

    private void prepareSoon() {
        if (askedAt.isEmpty() || !preparing.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(0, lastPrepared + interval - System.currentTimeMillis());
        preparer.schedule(this::prepare, wait, TimeUnit.MILLISECONDS);
    }

    private void prepare() {
        lastPrepared = System.currentTimeMillis();
        // Cleared first: a batch applied while this runs schedules the next round.
        preparing.set(false);
        long forgetBefore = lastPrepared - RECENT.toMillis();
        askedAt.entrySet().removeIf(asked -> asked.getValue() < forgetBefore);
        for (KpiQuery query : askedAt.keySet()) {
            try {
                document(query, computedAhead);
            } catch (RuntimeException e) {
                log.debug("KPI document {} not prepared: {}", query, e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        preparer.shutdownNow();
    }

    private KpiDocument compute(KpiQuery query, Counter computed) {
        // ALL: each network's own period with this label (the facts carry it), so the span covers all of them.
        ReportingPeriod period = query.allNetworks() ? calendars.periodOfAll(query.period(), facts.networks())
                : calendars.schemeOf(query.network()).period(query.period());
        String network = query.allNetworks() ? null : query.network();
        boolean filtered = query.partner().isPresent() || query.location().isPresent();
        List<ReachFacts.Activity> activities = activities(query);
        // Downloads and external figures belong to a network, not to a partner or location.
        List<ReachFacts.ProjectDownloads> downloads = filtered ? List.of() : facts.downloads(network, query.period());
        Optional<KpiQuery> previous = query.previousPeriod();
        List<ReachFacts.Activity> previousActivities = previous.map(this::activities).orElse(List.of());
        long previousIndirect = filtered || previous.isEmpty() ? 0 : facts.downloads(network, previous.get().period()).stream()
                .mapToLong(d -> d.sheets() + d.materials()).sum();
        Map<String, Long> previousFigures = previousActivities.isEmpty() && previousIndirect == 0 ? Map.of()
                : KpiCalculator.reachFigures(KpiCalculator.reach(previousActivities, previousIndirect, Map.of()));
        KpiDocument document = KpiCalculator.document(new KpiCalculator.Context(query.network(), period, clock.instant(),
                        facts.eventsApplied(), facts.lastEventAt()),
                activities, downloads, filtered ? List.of() : facts.external(network, query.period()),
                filtered ? List.of() : targets.of(query.network(), query.period()), previousFigures);
        if (!query.allNetworks() || filtered) {
            return document;
        }
        // ALL: a target set for ALL itself, else the networks' targets and their own actuals, summed (only networks with a
        // target for the period count; their documents are computed as needed, and usually are cached already).
        List<List<KpiDocument.TargetRow>> perNetwork = new ArrayList<>();
        for (String each : targets.networks(query.period())) {
            perNetwork.add(document(new KpiQuery(each, query.period(), Optional.empty(), Optional.empty()), computed).targets());
        }
        return document.withTargets(KpiCalculator.mergeTargets(document.targets(), perNetwork));
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
