package org.stemreach.registrations.notify;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
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
 * the answer is the same and comes before any mail is sent, so nobody learns from it whether an address is known; a known
 * one that is not forgotten gets a fresh link, at most once every {@link #AT_MOST_EVERY} (one document per teacher in
 * {@code link_mails}, claimed atomically, so neither a flood of requests nor several instances mail a teacher twice).
 */
@Component
public class LinkRequests implements DisposableBean {

    static final Duration AT_MOST_EVERY = Duration.ofMinutes(10);
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
            Teacher teacher = teachers.find(teacherId).filter(Teacher::isReachable).orElse(null);
            if (teacher == null || !claim(teacherId)) {
                return;
            }
            try {
                mailer.sendLink(teacher);
            } catch (RuntimeException e) {
                // Not sent: the teacher may ask again at once.
                mongo.getCollection("link_mails").deleteOne(Filters.eq("_id", teacherId));
                throw e;
            }
        } catch (RuntimeException e) {
            meters.counter("stemreach.registrations.link.requests.unsent", "reason", "failed").increment();
            log.warn("a new personal link for teacher {} was not mailed: {}", teacherId, e.toString());
        }
    }

    /** Takes the teacher's turn: only if no link was mailed to them in the last {@link #AT_MOST_EVERY}. */
    boolean claim(String teacherId) {
        Instant now = clock.instant();
        try {
            mongo.getCollection("link_mails").findOneAndUpdate(
                    Filters.and(Filters.eq("_id", teacherId), Filters.lt("at", Date.from(now.minus(AT_MOST_EVERY)))),
                    Updates.set("at", Date.from(now)), new FindOneAndUpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        } catch (DuplicateKeyException | com.mongodb.MongoCommandException e) {
            if (e instanceof com.mongodb.MongoCommandException command && command.getErrorCode() != 11000) {
                throw command;
            }
        }
        // The document is there and recent: a link went out a moment ago.
        meters.counter("stemreach.registrations.link.requests.unsent", "reason", "sent-recently").increment();
        return false;
    }

    private void dropped() {
        meters.counter("stemreach.registrations.link.requests.unsent", "reason", "dropped").increment();
    }

    @Override
    public void destroy() {
        sender.shutdown();
    }
}
