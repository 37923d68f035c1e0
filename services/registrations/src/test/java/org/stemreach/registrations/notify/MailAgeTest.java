package org.stemreach.registrations.notify;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events still get their mail: by when they reached Kafka, not when they happened. */
class MailAgeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void aRegistrationHeldBackByALongKafkaOutageIsStillMailedWhenItReachesKafka() {
        Instant registered = NOW.minus(Duration.ofDays(3));

        assertThat(RegistrationMailer.tooOld(registered, NOW.minusSeconds(5), NOW, DAY)).isFalse();
    }

    @Test
    void aNewConsumerGroupReadingTheTopicFromItsStartMailsNobodyAgain() {
        Instant registered = NOW.minus(Duration.ofDays(40));

        assertThat(RegistrationMailer.tooOld(registered, registered.plusMillis(20), NOW, DAY)).isTrue();
        assertThat(RegistrationMailer.tooOld(registered, null, NOW, DAY)).as("no record time: the event's own").isTrue();
        assertThat(RegistrationMailer.tooOld(NOW.minusSeconds(60), null, NOW, DAY)).isFalse();
    }

    @Test
    void theRecordTimeComesFromTheBindersHeader() {
        var message = MessageBuilder.withPayload(new byte[0]).setHeader(KafkaHeaders.RECEIVED_TIMESTAMP, NOW.toEpochMilli()).build();

        assertThat(MailConfiguration.publishedAt(message)).isEqualTo(NOW);
        assertThat(MailConfiguration.publishedAt(MessageBuilder.withPayload(new byte[0]).build())).isNull();
    }
}
