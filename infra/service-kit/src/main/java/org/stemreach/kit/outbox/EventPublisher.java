package org.stemreach.kit.outbox;

/** Sends one record and returns only when the broker acknowledged it (acks=all), or throws. */
@FunctionalInterface
public interface EventPublisher {

    void publish(String topic, String key, String payload);
}
