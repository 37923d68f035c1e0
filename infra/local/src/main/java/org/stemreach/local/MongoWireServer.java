package org.stemreach.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The platform's Mongo-wire server (mongo-java-server) in this JVM, persisted to one H2 MVStore file in
 * the data directory, so data survives a restart. Writes are committed every {@value #AUTO_COMMIT_MS} ms
 * and on shutdown. Real MongoDB is what the Docker compose stack uses.
 */
final class MongoWireServer {

    private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);

    static final int AUTO_COMMIT_MS = 200;

    private final Path file;
    private final int port;
    private final boolean inMemory;
    private MongoServer server;
    private MVStore store;
    private volatile boolean failing;

    /** @param inMemory keep nothing on disk (for benchmarks: the H2 file backend writes about 2k documents/s) */
    MongoWireServer(Path file, int port, boolean inMemory) {
        this.file = file;
        this.port = port;
        this.inMemory = inMemory;
    }

    void start() {
        if (inMemory) {
            server = new MongoServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        } else {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // A write that fails (a full disk) is said once in words, and tried again at the next commit instead of
            // stopping the store's writer for good with a bare stack trace.
            store = new MVStore.Builder().fileName(file.toString()).backgroundExceptionHandler((thread, failure) -> {
                if (!failing) {
                    failing = true;
                    log.error("MongoDB's data cannot be written to {} ({}): is the disk full? Free some space; writing is tried "
                            + "again. Ctrl-C stops the platform.", file, failure.toString());
                }
            }).open();
            store.setAutoCommitDelay(AUTO_COMMIT_MS);
            server = new MongoServer(new H2Backend(store));
        }
        server.bind("127.0.0.1", port);
    }

    String description() {
        return inMemory ? "in memory (STEMREACH_MONGO=memory: nothing is kept)" : "H2 file " + file;
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
        if (store != null && !store.isClosed()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                // Kept as it was last written; what the last moment changed may be lost (the next start reads analytics'
                // topics again only after an unclean stop: this is said here instead).
                log.error("MongoDB's last changes could not be written to {} ({}); the data is as it was last written", file, e.toString());
            }
        }
    }
}
