package org.stemreach.kit.outbox;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;

/**
 * Publishes through Spring Cloud Stream to a destination named after the topic. The Kafka binder's
 * producers are synchronous (kit default {@code spring.cloud.stream.kafka.default.producer.sync=true}),
 * so {@link #publish} returns only after the broker's acknowledgement and throws on failure.
 */
public class StreamBridgePublisher implements EventPublisher {

    private final StreamBridge bridge;

    public StreamBridgePublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void publish(String topic, String key, String payload) {
        Message<byte[]> message = MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
        if (!bridge.send(topic, message)) {
            throw new IllegalStateException("the binder did not accept a message for " + topic);
        }
    }
}
