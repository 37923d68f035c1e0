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

    public CalendarCheck(FactStore facts, NetworkCalendars calendars, MeterRegistry meters) {
        this.facts = facts;
        this.calendars = calendars;
        Gauge.builder("stemreach.analytics.calendars.changed", this, check -> check.changed() ? 1 : 0)
                .description("1 when the reporting calendars changed since the facts were filed: a replay is needed").register(meters);
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
