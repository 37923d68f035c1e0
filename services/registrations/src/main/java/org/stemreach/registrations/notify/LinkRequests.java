package org.stemreach.registrations.notify;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.stemreach.registrations.registration.Teacher;
import org.stemreach.registrations.registration.TeacherDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A teacher whose personal link expired or was lost asks for a new one with their e-mail address. Whatever the address,
 * the answer is the same and comes before any mail is sent, so it does not tell whether an address is known; a known
 * one that is not forgotten gets a fresh link, at most once every {@link #AT_MOST_EVERY} and {@link #AT_MOST_PER_DAY}
 * times a day (one document per teacher in {@code link_mails}, claimed atomically, so neither a flood of requests nor
 * several instances mail a teacher more often).
 */
@Component
public class LinkRequests implements DisposableBean {

    static final Duration AT_MOST_EVERY = Duration.ofMinutes(10);
    static final int AT_MOST_PER_DAY = 5;
    private static final Logger log = LoggerFactory.getLogger(LinkRequests.class);

    private final TeacherDirectory teachers;
    private final RegistrationMailer mailer;
    private final MongoTemplate mongo;
    private final MeterRegistry meters;
    private final Clock clock;
    // One sender, a bounded queue: a burst of requests waits or is dropped (counted), it never holds a request thread.
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
            task -> {
                Thread thread = new Thread(task, "link-mails");
                thread.setDaemon(true);
                return thread;
            }, (task, pool) -> dropped());

    public LinkRequests(TeacherDirectory teachers, RegistrationMailer mailer, MongoTemplate mongo, MeterRegistry meters, Clock clock) {
        this.teachers = teachers;
        this.mailer = mailer;
        this.mongo = mongo;
        this.meters = meters;
        this.clock = clock;
        for (String outcome : List.of("sent-recently", "dropped", "failed")) {
            meters.counter("stemreach.registrations.link.requests.unsent", "reason", outcome);
        }
    }

    /** Asks for a new link to be mailed to this address, if it is a known teacher's; returns at once either way. */
    public void request(String email) {
        String teacherId = teachers.idsOf(List.of(email)).get(Teacher.normalise(email));
        if (teacherId != null) {
            sender.execute(() -> send(teacherId));
        }
    }

    private void send(String teacherId) {
        try {
            try {
                forgetOldTurns();
            } catch (RuntimeException e) {
                log.warn("turns of days gone by were not forgotten this time: {}", e.getClass().getSimpleName());
            }
            Teacher teacher = teachers.find(teacherId).filter(known -> known.isReachable(clock.instant())).orElse(null);
            if (teacher == null || !claim(teacherId)) {
                return;
            }
            // A link of the next generation: once it is mailed, the links mailed before no longer open (a link forwarded or
            // left in a shared mailbox is undone by asking for a new one). Not sent: the older links still open.
            long generation = teacher.linkGeneration() + 1;
            boolean sent;
            try {
                sent = mailer.sendLink(teacher, generation);
            } catch (RuntimeException e) {
                // Not sent: the teacher may ask again at once.
                mongo.getCollection("link_mails").deleteOne(Filters.eq("_id", teacherId));
                throw e;
            }
            if (sent) {
                // Should this fail, the new link still opens (a newer generation than the stored one is taken as current).
                teachers.replaceLinks(teacherId, generation);
            }
        } catch (RuntimeException e) {
            meters.counter("stemreach.registrations.link.requests.unsent", "reason", "failed").increment();
            // Only the kind of failure: a message may name the address (a mail server's answer, a database's duplicate key).
            log.warn("a new personal link for teacher {} was not mailed: {}", teacherId,
                    e instanceof MailFailures.MailNotSentException ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    /**
     * Takes the teacher's turn: only if no link was mailed to them in the last {@link #AT_MOST_EVERY}, and fewer than
     * {@link #AT_MOST_PER_DAY} today (so that nobody can have a teacher's mailbox filled by asking again and again). Each
     * step is one atomic update of the teacher's document: two requests at once never both take it.
     */
    boolean claim(String teacherId) {
        Instant now = clock.instant();
        String today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).toString();
        Date recently = Date.from(now.minus(AT_MOST_EVERY));
        var mails = mongo.getCollection("link_mails");
        // Another link today, if the day's count allows.
        if (mails.findOneAndUpdate(Filters.and(Filters.eq("_id", teacherId), Filters.lt("at", recently), Filters.eq("day", today),
                Filters.lt("count", AT_MOST_PER_DAY)), Updates.combine(Updates.set("at", Date.from(now)), Updates.inc("count", 1))) != null) {
            return true;
        }
        // The first link of the day (a document of an earlier day, or none yet).
        try {
            mails.findOneAndUpdate(Filters.and(Filters.eq("_id", teacherId), Filters.lt("at", recently), Filters.ne("day", today)),
                    Updates.combine(Updates.set("at", Date.from(now)), Updates.set("day", today), Updates.set("count", 1)),
                    new FindOneAndUpdateOptions().upsert(true));
            return true;
        } catch (com.mongodb.MongoCommandException e) {
            if (e.getErrorCode() != 11000) {
                throw e;
            }
        }
        // The document is there and does not match: a link went out a moment ago, or enough went out today.
        meters.counter("stemreach.registrations.link.requests.unsent", "reason", "sent-recently").increment();
        return false;
    }

    /**
     * Forgets turns of days gone by, at most once an hour, on the sender's thread (no TTL index: the test database would
     * not honour it).
     */
    void forgetOldTurns() {
        Instant now = clock.instant();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofHours(1));
        mongo.getCollection("link_mails").deleteMany(Filters.lt("at", Date.from(now.minus(Duration.ofDays(2)))));
    }

    private Instant nextCleanup = Instant.MIN;

    private void dropped() {
        meters.counter("stemreach.registrations.link.requests.unsent", "reason", "dropped").increment();
    }

    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        // The links asked for just before a stop still go out, while the database and mail sender are there.
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
