package org.stemreach.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * A broker of a test's own, on a fixed port, that the test can stop and start again, to show what happens
 * while Kafka is away. (A restarted broker starts with empty storage: what arrives then was sent after the restart.)
 */
public final class RestartableKafka implements AutoCloseable {

    private final int port;
    private EmbeddedKafkaKraftBroker broker;

    public RestartableKafka() {
        this.port = freePort();
        start();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized void start() {
        if (broker != null) {
            return;
        }
        broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.kafkaPorts(port);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
    }

    public synchronized void stop() {
        if (broker != null) {
            broker.destroy();
            broker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
