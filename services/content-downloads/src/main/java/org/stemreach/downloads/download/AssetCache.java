package org.stemreach.downloads.download;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import org.stemreach.downloads.project.Asset;
import org.stemreach.downloads.project.ProjectCatalog;

/**
 * Stored files are immutable (a new upload is a new file id), so the popular ones are kept in memory, up to
 * {@code stemreach.downloads.cache-size}; downloads then never wait for GridFS.
 */
@Component
public class AssetCache {

    private final ProjectCatalog catalog;
    private final Cache<String, byte[]> bytes;

    public AssetCache(ProjectCatalog catalog, DownloadsProperties properties) {
        this.catalog = catalog;
        this.bytes = Caffeine.newBuilder()
                .maximumWeight(properties.cacheSize().toBytes())
                .weigher((String id, byte[] content) -> content.length)
                .build();
    }

    public byte[] content(Asset asset) {
        return bytes.get(asset.fileId(), id -> catalog.read(asset));
    }
}
