package org.stemreach.downloads.download;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.stemreach.downloads.project.Asset;
import org.stemreach.downloads.project.ProjectCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Local copies of the stored files, so that downloads are served from disk without waiting for GridFS and
 * without copying through the JVM ({@link Sendfile} hands them to the connector's sendfile). Stored files
 * never change (a new upload is a new file id), so a copy is valid for as long as it exists. The most downloaded
 * ones are kept, up to {@code stemreach.downloads.cache-size} on disk, in a directory of this process's own
 * (under {@code stemreach.downloads.cache-dir}) that is removed on shutdown. The process holds a lock on it while
 * it runs, so a directory left behind by a process that was killed is recognised (nobody holds its lock) and
 * removed at the next start, while those of other running instances on the same host are left alone (and so is a
 * directory whose lock file is gone, e.g. cleaned away by the system's temporary-file cleaner: whose it is cannot be
 * told). A copy that falls out is deleted {@value #DELETE_AFTER_SECONDS} seconds later, not at once: a download
 * handed to the connector just before may still have to open it (so the disk in use can exceed the cache size by
 * what was evicted in that time). A copy that disappeared from under the cache is made again.
 */
@Component
public class AssetFiles {

    private static final Logger log = LoggerFactory.getLogger(AssetFiles.class);
    /** The connector opens a handed-over file as soon as the handler returns; this leaves it ample time. */
    private static final long DELETE_AFTER_SECONDS = 30;
    private static final String PREFIX = "content-downloads-";
    private static final String LOCK = ".in-use";
    /**
     * Directories this JVM holds (several application contexts in one JVM, as in tests): never probed, since closing
     * another channel on a lock file would drop this JVM's lock on it (POSIX record locks are per process).
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final ProjectCatalog catalog;
    private final Path directory;
    private final FileChannel lockFile;
    private final Cache<String, Path> copies;
    private final ScheduledExecutorService deleter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "asset-file-deleter");
        thread.setDaemon(true);
        return thread;
    });

    public AssetFiles(ProjectCatalog catalog, DownloadsProperties properties) throws IOException {
        this.catalog = catalog;
        Files.createDirectories(properties.cacheDir());
        removeAbandoned(properties.cacheDir());
        this.directory = Files.createTempDirectory(properties.cacheDir(), PREFIX);
        this.lockFile = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lockFile.lock();
        HELD_HERE.add(directory);
        this.copies = Caffeine.newBuilder()
                .maximumWeight(properties.cacheSize().toBytes())
                .weigher((String id, Path copy) -> (int) Math.min(Integer.MAX_VALUE, copy.toFile().length()))
                .removalListener((String id, Path copy, RemovalCause cause) -> {
                    if (copy != null) {
                        deleter.schedule(() -> delete(copy), DELETE_AFTER_SECONDS, TimeUnit.SECONDS);
                    }
                })
                .build();
        log.info("Local copies of downloaded files in {} (up to {})", directory, properties.cacheSize());
    }

    /** The local copy of a stored file, made from GridFS the first time. */
    public Path file(Asset asset) {
        Path copy = copies.get(asset.fileId(), id -> copy(asset));
        if (!Files.isRegularFile(copy)) {
            log.warn("local copy {} of {} disappeared; copying it again", copy, asset.fileId());
            copies.asMap().remove(asset.fileId(), copy);
            copy = copies.get(asset.fileId(), id -> copy(asset));
        }
        return copy;
    }

    private Path copy(Asset asset) {
        // Every copy gets a name of its own, so a late deletion of an evicted copy can never hit a newer one.
        Path target = directory.resolve(asset.fileId() + "-" + UUID.randomUUID());
        Path partial = directory.resolve(target.getFileName() + ".part");
        try {
            catalog.copy(asset, partial);
            if (Files.size(partial) != asset.size()) {
                throw new IllegalStateException("file " + asset.fileId() + " of " + asset.filename() + " has "
                        + Files.size(partial) + " bytes in GridFS, not " + asset.size());
            }
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(partial);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(partial);
            throw e;
        }
    }

    @PreDestroy
    void removeAll() {
        deleter.shutdownNow();
        HELD_HERE.remove(directory);
        try {
            lockFile.close();
        } catch (IOException e) {
            log.warn("could not release {}: {}", directory, e.toString());
        }
        removeTree(directory);
    }

    /** Removes the copy directories of processes that ended without removing theirs (nobody holds their lock). */
    private static void removeAbandoned(Path parent) throws IOException {
        try (Stream<Path> candidates = Files.list(parent)) {
            for (Path candidate : candidates.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).toList()) {
                if (abandoned(candidate)) {
                    log.info("removing {}, left behind by a content-downloads process that did not stop cleanly", candidate);
                    removeTree(candidate);
                }
            }
        }
    }

    private static boolean abandoned(Path candidate) {
        if (HELD_HERE.contains(candidate) || recent(candidate) || !Files.exists(candidate.resolve(LOCK))) {
            return false; // held here, possibly just created by a process about to lock it, or whose it is cannot be told
        }
        try (FileChannel channel = FileChannel.open(candidate.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (IOException e) {
            log.debug("cannot tell whether {} is in use: {}", candidate, e.toString());
            return false;
        }
    }

    private static boolean recent(Path candidate) {
        try {
            return Files.getLastModifiedTime(candidate).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        } catch (IOException e) {
            return true;
        }
    }

    private static void removeTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(AssetFiles::delete);
        } catch (IOException | UncheckedIOException e) {
            // e.g. another instance removing the same abandoned directory at the same time: never fail start-up for it
            log.warn("could not remove {}: {}", root, e.toString());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.toString());
        }
    }
}
