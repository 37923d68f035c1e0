package org.stemreach.registrations.activity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.stemreach.kit.outbox.AggregateWriter;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.OutboxEvent;
import org.stemreach.kit.outbox.Projections;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Loads an activity, applies a change (domain rules in {@link Activity}), and saves the state together with
 * the events of the change in one document write, guarded by the version: if someone else changed the
 * activity meanwhile, it starts again from the new state. So capacity holds under any number of concurrent
 * registrations without multi-document transactions.
 * <p>
 * Within this instance, changes of one activity take turns (so they do not make each other start again), and
 * the document written last is kept for the next change instead of being read again: an activity holds all
 * its registrations, so reading it is most of the work. Another instance's change since then shows as a
 * different version: nothing is written, and the change starts again from the database.
 */
@Service
public class Activities {

    static final int MAX_ATTEMPTS = 500;
    private static final String VERSION = "version";

    private final ActivityRepository repository;
    private final MongoTemplate mongo;
    private final AggregateWriter writer;
    private final Outbox outbox;
    private final Counter conflicts;

    private final Cache<String, Document> written;
    private final LoadingCache<String, ReentrantLock> turns = Caffeine.newBuilder().weakValues().build(id -> new ReentrantLock());

    public Activities(ActivityRepository repository, MongoTemplate mongo, AggregateWriter writer, Outbox outbox, MeterRegistry meters,
                      @Value("${stemreach.registrations.activity-cache-registrations:20000}") long cachedRegistrations) {
        // Weighed by registrations, since they make up the document: a few large activities or many small ones.
        this.written = Caffeine.newBuilder().maximumWeight(cachedRegistrations)
                .weigher((String id, Document document) -> 1 + document.getList("entries", Object.class, List.of()).size())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
        this.repository = repository;
        this.mongo = mongo;
        this.writer = writer;
        this.outbox = outbox;
        this.conflicts = Counter.builder("stemreach.registrations.write.conflicts")
                .description("activity writes retried because of a concurrent change").register(meters);
    }

    public Optional<Activity> find(String id) {
        return repository.findById(id);
    }

    public Activity get(String id) {
        return find(id).orElseThrow(() -> new UnknownActivityException(id));
    }

    /** Creates an activity (and publishes it when asked), with its events. */
    public Activity create(Activity activity, boolean publish) {
        if (publish) {
            activity.publish();
        }
        Instant now = outbox.clock().instant();
        activity.drainFacts().forEach(fact -> activity.outbox().add(ActivityEvents.toEvent(activity, fact, outbox, now)));
        return repository.insert(activity);
    }

    /** The activity a request with an idempotency key plans, and whether this request planned it. */
    public record Planned(Activity activity, boolean created) {
    }

    /** The id of the activity a network's request with this idempotency key plans: the same key, the same activity. */
    public static String idOf(String network, String idempotencyKey) {
        return java.util.UUID.nameUUIDFromBytes(("activity|" + network + "|" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Creates {@code planned} (its id from {@link #idOf}) unless the same key planned it before; then answers that one. The
     * key used again for another title or type is refused (422): a new activity needs a new key.
     */
    public Planned createOnce(Activity planned, boolean publish) {
        if (createIfAbsent(planned, publish)) {
            return new Planned(planned, true);
        }
        Activity existing = get(planned.id());
        if (!existing.title().equals(planned.title()) || !existing.type().equals(planned.type())) {
            throw new org.stemreach.kit.web.ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key already used",
                    "this Idempotency-Key planned another activity (" + existing.title() + "); use a new key for a new activity");
        }
        return new Planned(existing, false);
    }

    /** Creates the activity unless one with its id exists; returns whether it was created. */
    public boolean createIfAbsent(Activity activity) {
        return createIfAbsent(activity, false);
    }

    /** Creates the activity, published or not, unless one with its id exists; returns whether it was created. */
    public boolean createIfAbsent(Activity activity, boolean publish) {
        if (repository.existsById(activity.id())) {
            return false;
        }
        try {
            create(activity, publish);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Applies {@code change} to the current state, retrying on concurrent changes. */
    public <T> T change(String id, Function<Activity, T> change) {
        ReentrantLock turn = turns.get(id);
        turn.lock();
        try {
            return changeInTurn(id, change);
        } finally {
            turn.unlock();
        }
    }

    private <T> T changeInTurn(String id, Function<Activity, T> change) {
        for (int attempt = 1; ; attempt++) {
            // Never changed in place: each attempt reads its own Activity from it.
            Document loaded = written.getIfPresent(id);
            boolean kept = loaded != null;
            if (loaded == null) {
                Query byId = Projections.allBut(mongo, new Query(Criteria.where("_id").is(id)), Activity.class, HasOutbox.FIELD);
                loaded = mongo.findOne(byId, Document.class, "activities");
            }
            if (loaded == null) {
                throw new UnknownActivityException(id);
            }
            Activity activity = mongo.getConverter().read(Activity.class, loaded);
            T result;
            try {
                result = change.apply(activity);
            } catch (RuntimeException refused) {
                // A rule, or an access check (an activity moved to another network), refusing a state another instance has
                // changed since: decided again on the stored one.
                if (kept && changedElsewhere(id, loaded)) {
                    continue;
                }
                throw refused;
            }
            Instant now = outbox.clock().instant();
            boolean changedWithoutFacts = activity.changedWithoutFacts();
            var facts = activity.drainFacts();
            if (facts.isEmpty() && !changedWithoutFacts) {
                if (kept && changedElsewhere(id, loaded)) {
                    continue; // nothing to write ("already registered") may be an answer of the kept state alone
                }
                return result;
            }
            List<OutboxEvent> events = facts.stream().map(fact -> ActivityEvents.toEvent(activity, fact, outbox, now)).toList();
            Document state = writer.updateAndGet(activity, loaded, events);
            if (state != null) {
                written.put(id, state);
                return result;
            }
            written.invalidate(id);
            conflicts.increment();
            if (attempt >= MAX_ATTEMPTS) {
                throw new OptimisticLockingFailureException("activity " + id + " kept changing; gave up after " + attempt + " attempts");
            }
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 2_000_000L * Math.min(attempt, 10)));
        }
    }

    /**
     * Whether the activity's stored version is another than the kept document's: a change that writes is guarded by the
     * version, one that refuses or writes nothing is not, so it asks before answering from the kept document (then
     * forgotten, and the next attempt reads the stored one). One small read, on refusals and repeats only.
     */
    private boolean changedElsewhere(String id, Document kept) {
        Document stored = mongo.getCollection("activities").find(new Document("_id", id)).projection(new Document(VERSION, 1)).first();
        if (stored != null && java.util.Objects.equals(number(stored.get(VERSION)), number(kept.get(VERSION)))) {
            return false;
        }
        written.invalidate(id);
        return true;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    public static class UnknownActivityException extends RuntimeException {
        public UnknownActivityException(String id) {
            super("No activity with id " + id + ".");
        }
    }
}
