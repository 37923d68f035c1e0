package org.stemreach.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one record. The future completes once the broker acknowledged it (acks=all), or completes exceptionally when
 * it could not be sent; it always completes, at the latest after the producer's {@code delivery.timeout.ms}.
 */
@FunctionalInterface
public interface EventPublisher {

    CompletableFuture<Void> publish(String topic, String key, String payload);

    /**
     * Sends a value as the bytes it is (a dead letter: whatever a record held, text or not), with headers. Publishers
     * that only carry text (test doubles) send it as UTF-8 text without the headers.
     */
    default CompletableFuture<Void> publish(String topic, String key, byte[] value, Map<String, String> headers) {
        return publish(topic, key, new String(value, StandardCharsets.UTF_8));
    }
}
