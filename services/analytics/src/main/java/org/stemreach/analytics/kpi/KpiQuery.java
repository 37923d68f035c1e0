package org.stemreach.analytics.kpi;

import org.stemreach.model.NetworkId;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a KPI document is asked for: a network (or ALL), a period label, optionally a partner and a location.
 */
public record KpiQuery(String network, String period, Optional<String> partner, Optional<String> location) {

    private static final Pattern PERIOD = Pattern.compile("[1-9]\\d{3}");
    static final int MAX_FILTER = 200;

    public KpiQuery {
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("network is required: a network label such as ISTEM, or ALL");
        }
        if (!NetworkId.ALL.equals(network)) {
            NetworkId.of(network);
        }
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new IllegalArgumentException("period is required: the four-digit year in which the reporting period ends, e.g. 2026");
        }
        partner = partner == null ? Optional.empty() : partner.filter(p -> !p.isBlank());
        location = location == null ? Optional.empty() : location.filter(l -> !l.isBlank());
        // An id or a name: anything longer is none (and would only make documents to keep for nobody).
        if (partner.filter(p -> p.length() > MAX_FILTER).isPresent() || location.filter(l -> l.length() > MAX_FILTER).isPresent()) {
            throw new IllegalArgumentException("partner and location are an id or a name of at most " + MAX_FILTER + " characters");
        }
    }

    public boolean allNetworks() {
        return NetworkId.ALL.equals(network);
    }

    /** The same selection one period earlier; none before the year 1000 (no four-digit year). */
    public Optional<KpiQuery> previousPeriod() {
        int previous = Integer.parseInt(period) - 1;
        return previous < 1000 ? Optional.empty() : Optional.of(new KpiQuery(network, String.valueOf(previous), partner, location));
    }
}
