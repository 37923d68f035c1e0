package org.stemreach.analytics.network;

import org.springframework.stereotype.Component;
import org.stemreach.model.NetworkId;
import org.stemreach.model.period.ReportingPeriod;
import org.stemreach.model.period.ReportingPeriodScheme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reporting-period scheme of every network (configurable, default from 15 December). */
@Component
public class NetworkCalendars {

    private final ReportingPeriodScheme defaultScheme;
    private final Map<String, ReportingPeriodScheme> byNetwork = new HashMap<>();

    public NetworkCalendars(AnalyticsProperties properties) {
        this.defaultScheme = new ReportingPeriodScheme(parse(properties.defaultPeriodStart()), properties.timeZone());
        properties.networks().forEach((network, settings) -> {
            if (settings.periodStart() != null) {
                byNetwork.put(NetworkId.of(network).value(), new ReportingPeriodScheme(parse(settings.periodStart()), properties.timeZone()));
            }
        });
    }

    /**
     * The calendars as one text ({@code default=12-15 STEMBASIS=09-01 zone=Europe/Brussels}): facts are filed under the
     * periods of the calendars they were applied with, so a change shows by comparing this.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder("default=").append(monthDay(defaultScheme));
        new java.util.TreeMap<>(byNetwork).forEach((network, scheme) -> text.append(' ').append(network).append('=').append(monthDay(scheme)));
        return text.append(" zone=").append(defaultScheme.zone().getId()).toString();
    }

    private static String monthDay(ReportingPeriodScheme scheme) {
        return String.format("%02d-%02d", scheme.start().getMonthValue(), scheme.start().getDayOfMonth());
    }

    public ReportingPeriodScheme schemeOf(String network) {
        return byNetwork.getOrDefault(network, defaultScheme);
    }

    /** The scheme of networks without their own period start (and of the choice of "current period" on pages). */
    public ReportingPeriodScheme defaultScheme() {
        return defaultScheme;
    }

    /**
     * The period an "ALL networks" document with this label covers: every network counts its own period of that label,
     * so it runs from the earliest first day to the latest last day among them (the default scheme's when there are no
     * networks).
     */
    public ReportingPeriod periodOfAll(String label, Collection<String> networks) {
        ReportingPeriod span = null;
        for (ReportingPeriodScheme scheme : networks.isEmpty() ? List.of(defaultScheme) : networks.stream().map(this::schemeOf).distinct().toList()) {
            ReportingPeriod period = scheme.period(label);
            span = span == null ? period : new ReportingPeriod(label, period.from().isBefore(span.from()) ? period.from() : span.from(),
                    period.to().isAfter(span.to()) ? period.to() : span.to());
        }
        return span;
    }

    /** The latest current period label among the networks (the default scheme's when there are none). */
    public String currentLabel(Collection<String> networks, Instant now) {
        String latest = defaultScheme.periodOf(now).label();
        for (String network : networks) {
            String label = schemeOf(network).periodOf(now).label();
            latest = label.compareTo(latest) > 0 ? label : latest;
        }
        return latest;
    }

    public ReportingPeriod periodOf(String network, Instant instant) {
        return schemeOf(network).periodOf(instant);
    }

    public ReportingPeriod periodOf(String network, LocalDate date) {
        return schemeOf(network).periodOf(date);
    }

    private static MonthDay parse(String monthDay) {
        return MonthDay.parse("--" + monthDay);
    }
}
