package org.stemreach.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one test configuration for integration tests: connects the application under test to the
 * JVM's shared {@link TestBackends}. With Docker, the containers are {@link ServiceConnection}s; without,
 * the in-JVM broker and Mongo-wire server are wired through properties, and the actuator's Mongo health
 * check (which mongo-java-server cannot answer) is switched off, in that case only. The properties are
 * added before the context starts (by {@link Customizer}), so conditions see them too.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationBackends {

    /** The properties that point a service at the shared backends. */
    public static Map<String, Object> properties(boolean sharedKafka) {
        TestBackends.Endpoints endpoints = TestBackends.endpoints();
        Map<String, Object> properties = new LinkedHashMap<>();
        if (sharedKafka) {
            // The Spring Cloud Stream binder reads its own broker list (it ignores connection details).
            properties.put("stemreach.kafka.brokers", endpoints.kafkaBootstrap());
        }
        // Services under test trust the test key that TestTokens signs with, as they trust the gateway's in production.
        properties.put("stemreach.security.public-key", TestTokens.PUBLIC_KEY);
        if (!endpoints.containers()) {
            properties.put("spring.mongodb.uri", endpoints.mongoUri());
            properties.put("management.health.mongodb.enabled", "false");
        }
        return properties;
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(DockerBackends.class)
    static class Containers {

        @Bean(destroyMethod = "")
        @ServiceConnection
        KafkaContainer kafkaContainer() {
            return TestBackends.kafkaContainer();
        }

        @Bean(destroyMethod = "")
        @ServiceConnection
        MongoDBContainer mongoContainer() {
            return TestBackends.mongoContainer();
        }
    }

    static class DockerBackends implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestBackends.endpoints().containers();
        }
    }

    /** Registered in META-INF/spring.factories; acts on test classes annotated with {@link IntegrationTest}. */
    public static class CustomizerFactory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(IntegrationTest.class);
            return annotation.isPresent() ? new Customizer(annotation.getBoolean("sharedKafka")) : null;
        }
    }

    record Customizer(boolean sharedKafka) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-backends", properties(sharedKafka)));
        }
    }
}
