package org.stemreach.analytics.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.stemreach.analytics.network.NetworkCalendars;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells when the reporting calendars (a network's period start, the time zone) changed since the facts were filed: an
 * activity's and a download's period is decided when its event is applied, so the figures follow the new calendars
 * only after a replay. The gauge {@code stemreach.analytics.calendars.changed} is 1 then (alertable), and the first
 * time it is seen a warning says what to do.
 */
@Component
public class CalendarCheck {

    private static final Logger log = LoggerFactory.getLogger(CalendarCheck.class);

    private final FactStore facts;
    private final NetworkCalendars calendars;
    private final AtomicReference<String> warnedFor = new AtomicReference<>();

    private final org.springframework.data.mongodb.core.MongoTemplate mongo;
    private final org.stemreach.analytics.projection.Generations generations;

    public CalendarCheck(FactStore facts, NetworkCalendars calendars, MeterRegistry meters,
                         org.springframework.data.mongodb.core.MongoTemplate mongo, org.stemreach.analytics.projection.Generations generations) {
        this.facts = facts;
        this.calendars = calendars;
        this.mongo = mongo;
        this.generations = generations;
        Gauge.builder("stemreach.analytics.calendars.changed", this, check -> check.changed() ? 1 : 0)
                .description("1 when the reporting calendars changed since the facts were filed: a replay is needed").register(meters);
    }

    /**
     * Facts filed by a version before this one do not say under which calendars: the first start of this version takes
     * those in effect now as theirs (a change of the calendars made in the same upgrade is not seen; replay after it).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void stampFactsOfEarlierVersions() {
        var stats = new org.springframework.data.mongodb.core.query.Query(org.springframework.data.mongodb.core.query.Criteria
                .where("_id").is("events").and("calendars").exists(false));
        if (mongo.updateFirst(stats, new org.springframework.data.mongodb.core.query.Update().set("calendars", calendars.fingerprint()),
                generations.physical(org.stemreach.analytics.projection.Projector.STATS)).getModifiedCount() > 0) {
            log.info("the facts of an earlier version are taken as filed under the calendars in effect now: [{}]", calendars.fingerprint());
        }
    }

    /** Whether the facts were filed with other calendars than the configured ones (false when unknown). */
    public boolean changed() {
        String filed = facts.calendarsOfFacts();
        boolean changed = filed != null && !filed.equals(calendars.fingerprint());
        if (changed && !filed.equals(warnedFor.getAndSet(filed))) {
            log.warn("the reporting calendars are now [{}], the facts were filed under the periods of [{}]: the figures follow the "
                    + "new calendars after a replay (POST /api/ops/replay)", calendars.fingerprint(), filed);
        }
        return changed;
    }
}
