package org.stemreach.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

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

    static final int AUTO_COMMIT_MS = 200;

    private final Path file;
    private final int port;
    private final boolean inMemory;
    private MongoServer server;
    private MVStore store;

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
            store = new MVStore.Builder().fileName(file.toString()).open();
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
            store.close();
        }
    }
}
