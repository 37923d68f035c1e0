package org.stemreach.downloads.download;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code stemreach.downloads.*}
 *
 * @param clientKeySecret   secret of the daily-rotating client key
 * @param doubleClickWindow repeated downloads of one file by one client within this window count once
 * @param maxAssetSize      largest accepted upload
 * @param robotsResource    classpath list of robot user-agent patterns
 * @param cacheSize         memory for the most downloaded files
 * @param acceptSimulatedTime honour {@code X-Simulated-Time} on downloads: for loading the local demo year only, never in production
 */
@ConfigurationProperties("stemreach.downloads")
public record DownloadsProperties(
        String clientKeySecret,
        @DefaultValue("30s") Duration doubleClickWindow,
        @DefaultValue("25MB") DataSize maxAssetSize,
        @DefaultValue("counter-robots.txt") String robotsResource,
        @DefaultValue("128MB") DataSize cacheSize,
        @DefaultValue("false") boolean acceptSimulatedTime) {
}
