package org.stemreach.analytics.network;

import org.springframework.stereotype.Component;
import org.stemreach.model.NetworkId;
import org.stemreach.model.period.ReportingPeriod;
import org.stemreach.model.period.ReportingPeriodScheme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
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

    public ReportingPeriodScheme schemeOf(String network) {
        return byNetwork.getOrDefault(network, defaultScheme);
    }

    /** The scheme used for "ALL networks" documents. */
    public ReportingPeriodScheme defaultScheme() {
        return defaultScheme;
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
