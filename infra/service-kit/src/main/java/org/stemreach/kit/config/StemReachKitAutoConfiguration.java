package org.stemreach.kit.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.stemreach.kit.consumer.DeadLetters;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.kit.outbox.AggregateWriter;
import org.stemreach.kit.outbox.EventPublisher;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.OutboxProperties;
import org.stemreach.kit.outbox.OutboxRelay;
import org.stemreach.kit.outbox.StreamBridgePublisher;
import org.stemreach.kit.web.ApiProblems;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Wires the kit's building blocks into every service that has the kit on its classpath. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.cloud.stream.function.FunctionConfiguration"})
@EnableConfigurationProperties(OutboxProperties.class)
public class StemReachKitAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ApiProblems apiProblems() {
        return new ApiProblems();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    EventSchemas eventSchemas(@Value("${stemreach.events.validate:true}") boolean validate) {
        return new EventSchemas(validate);
    }

    @Bean
    @ConditionalOnMissingBean(EventPublisher.class)
    @ConditionalOnBean(StreamBridge.class)
    StreamBridgePublisher eventPublisher(StreamBridge bridge) {
        return new StreamBridgePublisher(bridge);
    }

    /** Kafka producer bindings tell the publisher when the broker acknowledged a send, instead of blocking the sender. */
    @Bean
    @ConditionalOnBean(StreamBridgePublisher.class)
    ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> acknowledgementsThroughFutures(StreamBridgePublisher publisher) {
        return (handler, destination) -> publisher.acknowledgeThroughFutures(handler);
    }

    @Bean
    @ConditionalOnBean(EventPublisher.class)
    DeadLetters deadLetters(EventPublisher publisher, MeterRegistry meters) {
        return new DeadLetters(publisher, meters);
    }

    @Bean
    @ConditionalOnBean({MongoTemplate.class, EventPublisher.class})
    OutboxRelay outboxRelay(MongoTemplate mongo, MongoMappingContext mapping, EventPublisher publisher,
                            OutboxProperties properties, MeterRegistry meters) {
        return new OutboxRelay(mongo, outboxCollections(mapping), publisher, properties, meters);
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    Outbox outbox(CloudEventCodec codec, EventSchemas schemas, Clock clock, OutboxRelay relay,
                  @Value("${spring.application.name}") String application) {
        return new Outbox(codec, "/stemreach/" + application, clock, schemas, relay);
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    AggregateWriter aggregateWriter(MongoTemplate mongo, OutboxRelay relay) {
        return new AggregateWriter(mongo, relay);
    }

    /** Saves of aggregates with an outbox through Spring Data tell the relay at once. */
    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    ApplicationListener<AfterSaveEvent<?>> outboxNudger(OutboxRelay relay) {
        return event -> {
            if (event.getSource() instanceof HasOutbox aggregate && !aggregate.outbox().isEmpty() && event.getDocument() != null) {
                relay.nudge(event.getCollectionName(), event.getDocument().get("_id"));
            }
        };
    }

    /**
     * Consumers never skip a batch that failed for a passing reason (Mongo away, say): they retry it
     * with back-off, for as long as it takes. Records that can never be read go to a dead-letter topic
     * from the consumer code itself.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryBatchesForever() {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
            backOff.setMaxInterval(5_000);
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }

    static Supplier<List<String>> outboxCollections(MongoMappingContext mapping) {
        return () -> mapping.getPersistentEntities().stream()
                .filter(entity -> HasOutbox.class.isAssignableFrom(entity.getType()))
                .map(MongoPersistentEntity::getCollection)
                .distinct()
                .toList();
    }
}
