package org.stemreach.registrations.notify;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** The function binding {@code registrationMails-in-0}: this service's own registration events, as they reach Kafka. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    Consumer<Message<byte[]>> registrationMails(RegistrationMailer mails) {
        return message -> mails.handle(message.getPayload(), publishedAt(message));
    }

    /** When the record reached Kafka (its timestamp: the relay's send time), if the binder passed it on. */
    static java.time.Instant publishedAt(Message<?> message) {
        return message.getHeaders().get(org.springframework.kafka.support.KafkaHeaders.RECEIVED_TIMESTAMP) instanceof Long millis
                ? java.time.Instant.ofEpochMilli(millis) : null;
    }
}
