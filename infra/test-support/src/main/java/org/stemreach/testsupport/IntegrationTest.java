package org.stemreach.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A full Spring Boot test of one service on a random port, against the real Kafka broker and
 * Mongo-wire server of {@link TestBackends}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationBackends.class)
public @interface IntegrationTest {

    @AliasFor(annotation = SpringBootTest.class)
    String[] properties() default {};

    /**
     * False for a test that brings its own broker (e.g. to stop and restart it) and sets
     * {@code stemreach.kafka.brokers} itself.
     */
    boolean sharedKafka() default true;
}
