package org.stemreach.kit.outbox;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The publisher's future follows the producer's: acknowledged, refused, or never handed over. */
class StreamBridgePublisherTest {

    private final StreamBridge bridge = mock(StreamBridge.class);
    private final StreamBridgePublisher publisher = new StreamBridgePublisher(bridge);

    /** The futures channel the publisher gives a producer binding, as the binder would call it. */
    private MessageChannel futuresChannel() {
        KafkaProducerMessageHandler<?, ?> handler = mock(KafkaProducerMessageHandler.class);
        publisher.acknowledgeThroughFutures(handler);
        ArgumentCaptor<MessageChannel> channel = ArgumentCaptor.forClass(MessageChannel.class);
        verify(handler).setFuturesChannel(channel.capture());
        verify(handler).setSync(false);
        return channel.getValue();
    }

    /** Makes the bridge behave like a producer binding that hands each send's future over: this one. */
    private void producerAnswersWith(CompletableFuture<Object> send) {
        MessageChannel futures = futuresChannel();
        when(bridge.send(eq("topic"), any(Object.class))).thenAnswer(call -> {
            Message<?> message = call.getArgument(1);
            futures.send(MessageBuilder.withPayload(send)
                    .setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN)).build());
            return true;
        });
    }

    @Test
    void completesWhenTheBrokerAcknowledges() {
        CompletableFuture<Object> send = new CompletableFuture<>();
        producerAnswersWith(send);

        CompletableFuture<Void> published = publisher.publish("topic", "key", "{}");

        assertThat(published).isNotDone();
        send.complete("metadata");
        assertThat(published).isCompleted();
    }

    @Test
    void failsWhenTheBrokerRefuses() {
        CompletableFuture<Object> send = new CompletableFuture<>();
        producerAnswersWith(send);

        CompletableFuture<Void> published = publisher.publish("topic", "key", "{}");
        send.completeExceptionally(new IllegalStateException("timeout"));

        assertThat(published).isCompletedExceptionally();
    }

    @Test
    void failsWhenTheSendThrowsOrNoFutureIsHandedOver() {
        when(bridge.send(eq("down"), any(Object.class))).thenThrow(new IllegalStateException("no metadata"));
        when(bridge.send(eq("unconfigured"), any(Object.class))).thenReturn(true);

        assertThat(publisher.publish("down", "key", "{}")).isCompletedExceptionally();
        // Sent by a binding that never says whether the broker has it: not counted as published (it goes out again).
        assertThat(publisher.publish("unconfigured", "key", "{}")).isCompletedExceptionally();
    }
}
