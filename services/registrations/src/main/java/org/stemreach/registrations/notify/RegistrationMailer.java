package org.stemreach.registrations.notify;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.TeacherId;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.registrations.RegistrationChanged;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.registration.PersonalLinks;
import org.stemreach.registrations.registration.Teacher;
import org.stemreach.registrations.registration.TeacherDirectory;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/**
 * Tells teachers what happened to their registration (confirmed, on the waiting list, promoted, cancelled) or to
 * the activity they registered for (cancelled) once the event is on Kafka: Dutch first, English below, with their
 * personal link. Each mail goes out once per event and teacher ({@code sent_mails}, marked once sent); a failed send
 * is retried, and a crash between sending and marking sends it once more when the event is delivered again.
 */
@Component
public class RegistrationMailer {

    private static final Logger log = LoggerFactory.getLogger(RegistrationMailer.class);
    private static final Locale DUTCH = Locale.forLanguageTag("nl-BE");
    private static final Map<String, String> KINDS = Map.of(
            EventCatalog.REGISTRATION_CONFIRMED.name(), "confirmed",
            EventCatalog.REGISTRATION_WAITLISTED.name(), "waitlisted",
            EventCatalog.REGISTRATION_PROMOTED.name(), "promoted",
            EventCatalog.REGISTRATION_CANCELLED.name(), "cancelled");

    private final CloudEventCodec codec;
    private final JavaMailSender mail;
    private final MongoTemplate mongo;
    private final TeacherDirectory teachers;
    private final Activities activities;
    private final PersonalLinks links;
    private final MessageSource messages;
    private final MeterRegistry meters;
    private final String baseUrl;
    private final String from;
    private final java.time.Duration maxAge;
    private final java.time.Clock clock;

    public RegistrationMailer(CloudEventCodec codec, JavaMailSender mail, MongoTemplate mongo, TeacherDirectory teachers,
                             Activities activities, PersonalLinks links, MessageSource messages, MeterRegistry meters,
                             @Value("${stemreach.registrations.public-base-url}") String baseUrl,
                             @Value("${stemreach.registrations.mail-from}") String from,
                             @Value("${stemreach.registrations.mail-max-age:24h}") java.time.Duration maxAge, java.time.Clock clock) {
        this.codec = codec;
        this.mail = mail;
        this.mongo = mongo;
        this.teachers = teachers;
        this.activities = activities;
        this.links = links;
        this.messages = messages;
        this.meters = meters;
        this.baseUrl = baseUrl;
        this.from = senderAddress(from);
        // From 0, so that the first mail skipped or refused after a start is an increase an alert sees.
        for (String reason : java.util.List.of("too-old", "unreadable")) {
            meters.counter("stemreach.registrations.mails.skipped", "reason", reason);
        }
        for (String kind : java.util.stream.Stream.concat(KINDS.values().stream(), java.util.stream.Stream.of("activity-cancelled", "link")).toList()) {
            meters.counter("stemreach.registrations.mails.refused", "kind", kind);
            meters.counter("stemreach.registrations.mails.sent", "kind", kind);
        }
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * The sender as configured, if it is one address (with a name, if any: {@code STEM Reach <noreply@...>}). Refused at
     * start otherwise: every mail would fail to be made, and look like a teacher's unusable address.
     */
    static String senderAddress(String from) {
        try {
            new jakarta.mail.internet.InternetAddress(from, true).validate();
            return from;
        } catch (jakarta.mail.internet.AddressException | NullPointerException e) {
            throw new IllegalArgumentException("stemreach.registrations.mail-from is not one mail address: " + from);
        }
    }

    /**
     * @param publishedAt when the record reached Kafka, or {@code null} if unknown
     */
    public void handle(byte[] value, java.time.Instant publishedAt) {
        ReceivedEvent event;
        try {
            event = codec.decode(value);
        } catch (CloudEventCodec.MalformedEventException e) {
            skipped("unreadable");
            log.warn("ignoring an unreadable record on the registrations topic: {}", e.getMessage());
            return;
        }
        if (tooOld(event.time(), publishedAt, clock.instant(), maxAge)) {
            // History read by a new consumer group, or mails held back longer than mail-max-age (an SMTP outage): counted.
            if (KINDS.containsKey(event.type()) || event.type().equals(EventCatalog.ACTIVITY_CANCELLED.name())) {
                skipped("too-old");
            }
            return;
        }
        if (event.type().equals(EventCatalog.ACTIVITY_CANCELLED.name())) {
            activityCancelled(event);
            return;
        }
        String kind = KINDS.get(event.type());
        if (kind == null) {
            return;
        }
        RegistrationChanged change = data(event, typeOf(event.type()));
        Activity activity = change == null ? null : activities.find(change.activityId().value()).orElse(null);
        if (activity == null) {
            return;
        }
        for (TeacherId teacherId : change.teacherIds()) {
            teachers.find(teacherId.value()).filter(teacher -> teacher.isReachable(clock.instant()))
                    .ifPresent(teacher -> sendOnce(event.id(), kind, teacher, activity, change));
        }
    }

    /**
     * Whether an event is too old to mail: it reached Kafka (the record's time, else the event's own) longer than
     * {@code maxAge} ago. A new consumer group reading the topic from its start mails nobody again, while the events the
     * outbox held back during a long Kafka outage reach Kafka late and are still mailed.
     */
    static boolean tooOld(java.time.Instant eventTime, java.time.Instant publishedAt, java.time.Instant now, java.time.Duration maxAge) {
        return (publishedAt != null ? publishedAt : eventTime).isBefore(now.minus(maxAge));
    }

    /** Tells everyone who held a place or waited for one that the activity will not take place. */
    private void activityCancelled(ReceivedEvent event) {
        var cancelled = data(event, EventCatalog.ACTIVITY_CANCELLED);
        Activity activity = cancelled == null ? null : activities.find(cancelled.activityId().value()).orElse(null);
        if (activity == null) {
            return;
        }
        activity.entries().stream().filter(org.stemreach.registrations.activity.Entry::isActive)
                .flatMap(entry -> entry.participants().stream())
                .forEach(participant -> teachers.find(participant.teacherId()).filter(teacher -> teacher.isReachable(clock.instant()))
                        .ifPresent(teacher -> sendOnce(event.id(), "activity-cancelled", teacher, activity, null)));
    }

    /** Counts an event that might have meant a mail and is not mailed (by why), for the dashboards and alerts. */
    private void skipped(String reason) {
        meters.counter("stemreach.registrations.mails.skipped", "reason", reason).increment();
    }

    /** The event's data, or null (logged, counted) when it does not fit its type. */
    private <T> T data(ReceivedEvent event, org.stemreach.model.event.EventType<T> type) {
        try {
            return codec.dataAs(event, type);
        } catch (CloudEventCodec.MalformedEventException e) {
            skipped("unreadable");
            log.warn("ignoring event {}: {}", event.id(), e.getMessage());
            return null;
        }
    }

    private static org.stemreach.model.event.EventType<RegistrationChanged> typeOf(String type) {
        if (type.equals(EventCatalog.REGISTRATION_CONFIRMED.name())) {
            return EventCatalog.REGISTRATION_CONFIRMED;
        }
        if (type.equals(EventCatalog.REGISTRATION_WAITLISTED.name())) {
            return EventCatalog.REGISTRATION_WAITLISTED;
        }
        if (type.equals(EventCatalog.REGISTRATION_PROMOTED.name())) {
            return EventCatalog.REGISTRATION_PROMOTED;
        }
        return EventCatalog.REGISTRATION_CANCELLED;
    }

    /**
     * Sends unless a mark says it was sent for this event and teacher. The mark is written after the mail: a crash
     * in between sends it once more when the event is delivered again (a mail twice rather than none).
     */
    private void sendOnce(String eventId, String kind, Teacher teacher, Activity activity, RegistrationChanged change) {
        String markId = eventId + ":" + teacher.id();
        if (mongo.exists(new Query(Criteria.where("_id").is(markId)), "sent_mails")) {
            return; // sent before (a redelivered event)
        }
        String counter = "stemreach.registrations.mails.sent";
        try {
            mail.send(message(kind, teacher, activity, change));
        } catch (MailException e) {
            if (!MailFailures.addressRefused(e) && !MailFailures.addressUnusable(e)) {
                throw MailFailures.notSent(kind, eventId, teacher.id(), e);
            }
            // A mistyped address, refused by the mail server or not even one address to begin with: no use sending again
            // (and trying for ever would hold back every mail after it), so it is marked as done. The log names the
            // teacher by id only.
            counter = "stemreach.registrations.mails.refused";
            log.warn("mail {} of event {} to teacher {}: the address is not one a mail can go to, not sent", kind, eventId, teacher.id());
        }
        meters.counter(counter, "kind", kind).increment();
        try {
            mongo.insert(new org.bson.Document("_id", markId).append("at", new Date()), "sent_mails");
        } catch (DuplicateKeyException e) {
            // marked meanwhile by another delivery of the same event
        }
    }

    /**
     * Mails a teacher a fresh personal link of a new generation (see {@link TeacherDirectory#replaceLinks}), asked for because
     * theirs expired or was lost ({@link LinkRequests}); a failed send is thrown, an address no mail can go to is counted as
     * refused. Whether the mail went out.
     */
    boolean sendLink(Teacher teacher, long generation) {
        try {
            mail.send(message("link", teacher, null, null, generation));
        } catch (MailException e) {
            if (!MailFailures.addressRefused(e) && !MailFailures.addressUnusable(e)) {
                // Without the mail server's answer, which names the address.
                throw MailFailures.notSent("link", "(asked for)", teacher.id(), e);
            }
            meters.counter("stemreach.registrations.mails.refused", "kind", "link").increment();
            log.warn("mail link to teacher {}: the address is not one a mail can go to, not sent", teacher.id());
            return false;
        }
        meters.counter("stemreach.registrations.mails.sent", "kind", "link").increment();
        return true;
    }

    private SimpleMailMessage message(String kind, Teacher teacher, Activity activity, RegistrationChanged change) {
        return message(kind, teacher, activity, change, teacher.linkGeneration());
    }

    private SimpleMailMessage message(String kind, Teacher teacher, Activity activity, RegistrationChanged change, long generation) {
        String link = baseUrl + "/my?token=" + links.tokenFor(teacher.id(), generation);
        Object[] dutch = arguments(teacher, activity, change, link, DUTCH);
        Object[] english = arguments(teacher, activity, change, link, Locale.ENGLISH);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(teacher.email());
        message.setSubject(messages.getMessage("mail." + kind + ".subject", dutch, DUTCH) + " / "
                + messages.getMessage("mail." + kind + ".subject", english, Locale.ENGLISH));
        message.setText(messages.getMessage("mail." + kind + ".body", dutch, DUTCH) + "\n\n---\n\n"
                + messages.getMessage("mail." + kind + ".body", english, Locale.ENGLISH));
        return message;
    }

    /** The mail's values in one language: the date as its readers write it ("12 maart 2027", "12 March 2027"). */
    private static Object[] arguments(Teacher teacher, Activity activity, RegistrationChanged change, String link, Locale language) {
        String when = activity == null || activity.firstSessionDate() == null ? "" : activity.firstSessionDate().format(DateTimeFormatter.ofPattern("d MMMM yyyy", language));
        return new Object[]{teacher.name() == null ? "" : teacher.name(), activity == null ? "" : activity.title(), when,
                change == null || change.waitlistPosition() == null ? "" : change.waitlistPosition(), link};
    }
}
