package org.stemreach.kit.outbox;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.integration.channel.NullChannel;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes through Spring Cloud Stream to a destination named after the topic, without waiting for the broker:
 * each send carries a token, and the binder's producer hands the send's future for that token to {@link #futures}
 * ({@link KafkaProducerMessageHandler#setFuturesChannel}, configured by {@link #acknowledgeThroughFutures}, which the
 * kit applies to every Kafka producer binding). So one thread can have many records in flight, and the
 * producer batches them, instead of one record per thread waiting for its acknowledgement.
 */
public class StreamBridgePublisher implements EventPublisher {

    private final StreamBridge bridge;
    private final AtomicLong tokens = new AtomicLong();
    /** Sends under way whose future the producer has not handed over yet (it does so before {@code send} returns). */
    private final Map<Long, CompletableFuture<Void>> awaiting = new ConcurrentHashMap<>();
    private final MessageChannel futures = (message, timeout) -> {
        CompletableFuture<Void> acknowledged = awaiting.remove(message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN, Long.class));
        if (acknowledged != null && message.getPayload() instanceof CompletableFuture<?> sent) {
            sent.whenComplete((result, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        }
        return true;
    };

    public StreamBridgePublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * Makes a Kafka producer binding asynchronous and hand over the future of each send that carries a token. A failed
     * send completes its future exceptionally; it is not also sent to the error channel (the caller retries).
     */
    public void acknowledgeThroughFutures(KafkaProducerMessageHandler<?, ?> handler) {
        handler.setSync(false);
        handler.setFuturesChannel(futures);
        handler.setSendFailureChannel(new NullChannel());
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String key, String payload) {
        return publish(topic, key, payload.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Headers go to Kafka as UTF-8 bytes (the binder passes bytes through as they are). */
    @Override
    public CompletableFuture<Void> publish(String topic, String key, byte[] value, Map<String, String> headers) {
        long token = tokens.incrementAndGet();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        awaiting.put(token, acknowledged);
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(value)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, token);
        headers.forEach((name, header) -> builder.setHeader(name, header.getBytes(StandardCharsets.UTF_8)));
        Message<byte[]> message = builder.build();
        try {
            if (!bridge.send(topic, message)) {
                throw new IllegalStateException("the binder did not accept a message for " + topic);
            }
        } catch (RuntimeException e) {
            awaiting.remove(token);
            return CompletableFuture.failedFuture(e);
        }
        if (awaiting.remove(token) != null) {
            // Sent, but nobody will ever say whether the broker has it: count it as not sent (it goes out again).
            return CompletableFuture.failedFuture(new IllegalStateException("the producer of " + topic
                    + " handed over no future for the send; its binding is not configured by acknowledgeThroughFutures"));
        }
        return acknowledged;
    }
}
