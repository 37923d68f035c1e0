package org.stemreach.registrations.registration;

import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.registrations.activity.Activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes the personal data of teachers who hold no registration at all. A teacher is stored just before their
 * registration is written into its activity; when that write then fails for good (the database away, a rule that
 * refuses it), the name and address would otherwise stay without any purpose. Cancelled and anonymised registrations
 * still count as registrations: only a teacher no activity names is an orphan.
 * <p>
 * In two steps, so that a registration under way never loses its teacher: a sweep marks the orphans older than
 * {@code after} ({@code orphanSince}), and a later sweep removes those still marked and still named by no activity. A
 * teacher identified again meanwhile (a new registration) has the mark taken away by {@link TeacherDirectory#identify}
 * in the same update, so it is not removed; one removed just before identifying is simply a new teacher.
 */
@Component
public class OrphanTeachers {

    static final String MARK = "orphanSince";
    private static final Logger log = LoggerFactory.getLogger(OrphanTeachers.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration after;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread sweeper = new Thread(runnable, "orphan-teachers");
        sweeper.setDaemon(true);
        return sweeper;
    });

    OrphanTeachers(MongoTemplate mongo, Clock clock,
                   @Value("${stemreach.registrations.orphan-teachers-after:1d}") Duration after,
                   @Value("${stemreach.registrations.orphan-teachers-interval:6h}") Duration interval) {
        this.mongo = mongo;
        this.clock = clock;
        this.after = after;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.scheduleWithFixedDelay(this::sweepNow, 10, interval.toMinutes() < 1 ? 1 : interval.toMinutes(), TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }

    private void sweepNow() {
        try {
            Result result = sweep(clock.instant());
            if (result.removed() > 0 || result.marked() > 0) {
                log.info("teachers without any registration: {} marked, {} removed with their personal data", result.marked(), result.removed());
            }
        } catch (RuntimeException | Error e) {
            // Tried again at the next interval; an exception would end the schedule.
            log.warn("teachers without any registration not swept (tried again later): {}", e.toString());
        }
    }

    /** What one sweep did: teachers marked as orphans, and marked ones removed. */
    public record Result(int marked, int removed) {
    }

    /** One sweep at {@code now}: removes the orphans marked at least {@code after} ago, then marks the new ones. */
    public Result sweep(Instant now) {
        Instant cutoff = now.minus(after);
        Set<String> named = namedByActivities();
        int removed = 0;
        for (String id : ids(Criteria.where(MARK).lte(cutoff))) {
            if (named.contains(id) || namedByAnActivity(id)) {
                mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().unset(MARK), Teacher.class);
                continue;
            }
            // Only while still marked (a registration since took the mark away), not while being forgotten (that finishes
            // itself), and with no event waiting to be sent.
            Document gone = mongo.findAndRemove(new Query(Criteria.where("_id").is(id).and(MARK).lte(cutoff).and("forgettingSince").exists(false)
                    .orOperator(Criteria.where(HasOutbox.FIELD).exists(false), Criteria.where(HasOutbox.FIELD).size(0))), Document.class,
                    mongo.getCollectionName(Teacher.class));
            removed += gone == null ? 0 : 1;
        }
        int marked = 0;
        for (String id : ids(Criteria.where("consentAt").lte(cutoff).and(MARK).exists(false).and("forgottenAt").exists(false)
                .and("forgettingSince").exists(false))) {
            if (!named.contains(id)) {
                marked += (int) mongo.updateFirst(new Query(Criteria.where("_id").is(id).and(MARK).exists(false)),
                        new Update().set(MARK, now), Teacher.class).getModifiedCount();
            }
        }
        return new Result(marked, removed);
    }

    private List<String> ids(Criteria criteria) {
        Query query = new Query(criteria);
        query.fields().include("_id");
        return mongo.find(query, Document.class, mongo.getCollectionName(Teacher.class)).stream().map(d -> d.getString("_id")).toList();
    }

    /** Every teacher some activity names, in any of its registrations (cancelled ones too). */
    private Set<String> namedByActivities() {
        Set<String> named = new HashSet<>();
        Query query = new Query();
        query.fields().include("entries.participants.teacherId");
        try (var activities = mongo.stream(query, Document.class, mongo.getCollectionName(Activity.class))) {
            activities.forEach(activity -> activity.getList("entries", Document.class, List.of()).forEach(entry ->
                    entry.getList("participants", Document.class, List.of()).forEach(participant -> {
                        if (participant.getString("teacherId") != null) {
                            named.add(participant.getString("teacherId"));
                        }
                    })));
        }
        return named;
    }

    private boolean namedByAnActivity(String teacherId) {
        return mongo.exists(new Query(Criteria.where("entries.participants.teacherId").is(teacherId)), Activity.class);
    }
}
