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

    @Test
    void mailsNotSentForTheirAgeOrBecauseTheEventCannotBeReadAreCounted() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        // Nothing else is needed on these paths: no teacher, activity or mail server is looked at.
        RegistrationMailer mailer = new RegistrationMailer(new org.stemreach.kit.events.CloudEventCodec(), null, null, null, null, null, null,
                meters, "http://localhost", "noreply@example.org", DAY, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        String confirmed = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/registrations\",\"type\":\""
                + org.stemreach.model.event.EventCatalog.REGISTRATION_CONFIRMED.name() + "\",\"time\":\"2026-11-20T10:00:00Z\",\"data\":{}}";
        String headcount = confirmed.replace(org.stemreach.model.event.EventCatalog.REGISTRATION_CONFIRMED.name(),
                org.stemreach.model.event.EventCatalog.HEADCOUNT_RECORDED.name());

        mailer.handle(confirmed.getBytes(java.nio.charset.StandardCharsets.UTF_8), NOW.minus(Duration.ofHours(30)));
        mailer.handle(headcount.getBytes(java.nio.charset.StandardCharsets.UTF_8), NOW.minus(Duration.ofHours(30)));
        mailer.handle("not an event".getBytes(java.nio.charset.StandardCharsets.UTF_8), NOW);

        assertThat(meters.counter("stemreach.registrations.mails.skipped", "reason", "too-old").count()).as("a headcount is no mail").isEqualTo(1);
        assertThat(meters.counter("stemreach.registrations.mails.skipped", "reason", "unreadable").count()).isEqualTo(1);
    }
}
