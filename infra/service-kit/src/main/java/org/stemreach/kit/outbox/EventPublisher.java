package org.stemreach.kit.outbox;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one record. The future completes once the broker acknowledged it (acks=all), or completes exceptionally when
 * it could not be sent; it always completes, at the latest after the producer's {@code delivery.timeout.ms}.
 */
@FunctionalInterface
public interface EventPublisher {

    CompletableFuture<Void> publish(String topic, String key, String payload);
}
