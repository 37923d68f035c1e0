package org.stemreach.testsupport;

import org.stemreach.kafkaprocess.KafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Kafka broker of a test's own (the local platform's broker process, {@code infra/kafka-broker}),
 * on fixed ports with its data on disk, that the test can stop and start again to show what happens while
 * Kafka is away. Topics and offsets survive the restart, as they would in production.
 */
public final class RestartableKafka implements AutoCloseable {

    private final KafkaBroker broker;
    private final Path logs;
    private boolean running;

    public RestartableKafka() {
        try {
            Path data = Files.createTempDirectory("restartable-kafka");
            logs = data.resolve("logs");
            broker = new KafkaBroker(brokerClasspath(), data.resolve("kafka"), freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public synchronized void start() {
        if (!running) {
            broker.start(logs, Duration.ofSeconds(90));
            running = true;
        }
    }

    public synchronized void stop() {
        if (running) {
            broker.stop();
            running = false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code infra/kafka-broker/target/lib} of this checkout (built before the services in the reactor). */
    private static Path brokerClasspath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lib = dir.resolve("infra/kafka-broker/target/lib");
            if (Files.isDirectory(lib)) {
                return lib;
            }
        }
        throw new IllegalStateException("infra/kafka-broker/target/lib not found: build the reactor (./mvnw verify) or "
                + "./mvnw -pl infra/kafka-broker package first");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
