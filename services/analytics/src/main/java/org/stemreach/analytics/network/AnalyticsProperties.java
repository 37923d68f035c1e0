package org.stemreach.analytics.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;
import java.util.Map;

/**
 * {@code stemreach.analytics.*}
 *
 * @param defaultPeriodStart first day of a reporting period ({@code MM-dd}) for networks without their own
 * @param timeZone           zone in which event times are dated
 * @param networks           per-network settings, by network label
 */
@ConfigurationProperties("stemreach.analytics")
public record AnalyticsProperties(
        @DefaultValue("12-15") String defaultPeriodStart,
        @DefaultValue("Europe/Brussels") ZoneId timeZone,
        Map<String, Network> networks) {

    public AnalyticsProperties {
        networks = networks == null ? Map.of() : Map.copyOf(networks);
    }

    /** @param periodStart first day of this network's reporting periods ({@code MM-dd}) */
    public record Network(String periodStart) {
    }
}
