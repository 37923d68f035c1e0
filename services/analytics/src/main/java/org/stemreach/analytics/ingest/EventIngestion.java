package org.stemreach.analytics.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.stemreach.analytics.projection.Projector;

import java.util.List;
import java.util.function.Consumer;

/**
 * The one Spring Cloud Stream function of analytics: {@code events-in-0} reads every STEM Reach topic
 * in batches (see application.yml) and hands each batch to the {@link Projector}.
 */
@Configuration(proxyBeanMethods = false)
class EventIngestion {

    @Bean
    Consumer<Message<List<byte[]>>> events(Projector projector) {
        return projector::accept;
    }
}
