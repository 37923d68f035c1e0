package org.stemreach.downloads.download;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code stemreach.downloads.*}
 *
 * @param clientKeySecret   secret of the daily-rotating client key
 * @param doubleClickWindow repeated downloads of one file by one client within this window count once
 * @param maxAssetSize      largest accepted upload
 * @param robotsResource    list of robot user-agent patterns: a classpath resource, or a location such as {@code file:/path}
 * @param cacheSize         disk for local copies of the most downloaded files
 * @param cacheDir          where this process keeps them (in a directory of its own, removed on shutdown)
 * @param projectCacheTtl   how long a download may use a project read before (another instance's withdrawal shows after this)
 * @param acceptSimulatedTime honour {@code X-Simulated-Time} on downloads: for loading the local demo year only, never in production
 */
@ConfigurationProperties("stemreach.downloads")
public record DownloadsProperties(
        String clientKeySecret,
        @DefaultValue("30s") Duration doubleClickWindow,
        @DefaultValue("25MB") DataSize maxAssetSize,
        @DefaultValue("counter-robots.txt") String robotsResource,
        @DefaultValue("512MB") DataSize cacheSize,
        Path cacheDir,
        @DefaultValue("2s") Duration projectCacheTtl,
        @DefaultValue("false") boolean acceptSimulatedTime) {

    public DownloadsProperties {
        cacheDir = cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
