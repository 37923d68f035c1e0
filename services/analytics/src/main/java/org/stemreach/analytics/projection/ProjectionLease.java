package org.stemreach.analytics.projection;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes one analytics instance the only one that writes the projections: the KPI facts are kept in memory and
 * refreshed from the batches this instance applies, and the {@link org.stemreach.kit.consumer.IdempotentApplier}
 * completes interrupted batches on the assumption that nobody else is applying one. A second instance (a second
 * replica, or a restart while the old process still runs) waits as a standby.
 * <p>
 * The lease is one document ({@value #COLLECTION}), taken and renewed with one conditional upsert: it is this
 * instance's, or its time ran out. It is renewed every third of its time to live; this instance counts itself the
 * holder only until two thirds of that time after the start of its last successful renewal, so another instance (which
 * takes over only once the whole time ran out, by its own clock) never writes while this one still does, unless a pause
 * or the clocks' difference exceeds a sixth of the time to live (a write started in time ends within a sixth more, see
 * {@link #writeBound()}). Each takeover increases the lease's epoch. The
 * consumer binding is started when the lease is taken and stopped when it is lost; {@link Projector} applies nothing
 * without it.
 */
@Component
public class ProjectionLease implements SmartLifecycle {

    static final String COLLECTION = "projection_lease";
    static final String ID = "kpis";
    private static final Logger log = LoggerFactory.getLogger(ProjectionLease.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration ttl;
    private final String instance;
    private final List<Runnable> acquiredListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private final Object renewing = new Object();
    private volatile long heldUntilNanos;
    private volatile boolean active;
    private volatile boolean attempted;
    private boolean ready;
    private volatile long epoch;
    private volatile String holder;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> renewals;
    private volatile boolean running;
    private Duration writeBound;

    @Autowired
    public ProjectionLease(MongoTemplate mongo, Clock clock, @Value("${stemreach.analytics.lease-ttl:30s}") Duration ttl,
                           @Value("${stemreach.analytics.write-bound:}") Duration writeBound) {
        this(mongo, clock, ttl, instanceName());
        this.writeBound = writeBound == null ? ttl.dividedBy(6) : writeBound;
    }

    ProjectionLease(MongoTemplate mongo, Clock clock, Duration ttl, String instance) {
        this.mongo = mongo;
        this.clock = clock;
        this.ttl = ttl;
        this.instance = instance;
        this.writeBound = ttl.dividedBy(6);
    }

    private static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "analytics");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Called (on the lease's thread) each time this instance takes the lease, before it applies anything. */
    public void onAcquired(Runnable listener) {
        acquiredListeners.add(listener);
    }

    /** Called (on the lease's thread) when this instance finds it no longer holds the lease. */
    public void onLost(Runnable listener) {
        lostListeners.add(listener);
    }

    /** Whether this instance may write the projections now. */
    public boolean isHeld() {
        return active && System.nanoTime() - heldUntilNanos < 0;
    }

    /**
     * Whether this instance is not the holder (after its first attempt): another instance holds the lease, or this one's
     * ran out (the database did not answer). Its facts in memory are then not kept up to date.
     */
    public boolean isStandby() {
        return attempted && !isHeld();
    }

    public String instance() {
        return instance;
    }

    /** The instance that held the lease at the last attempt, and the epoch of this instance's lease. */
    public String holder() {
        return holder;
    }

    public long epoch() {
        return epoch;
    }

    /**
     * How long one database operation of the holder may take ({@code stemreach.analytics.write-bound}, by default a
     * sixth of the time to live; {@code 0s}: no bound). The holder counts itself the holder until two thirds of the time
     * to live after its last renewal, so a write it starts then ends (done, or abandoned by the server as well) by five
     * sixths of it: a sixth before another instance may take over and look at it, room for the clocks' difference.
     */
    public Duration writeBound() {
        return writeBound;
    }

    /**
     * Takes or renews the lease, and tells the listeners when this instance becomes or stops being the holder. A holder
     * whose lease ran out before this renewal (a pause, the database away) may have been replaced meanwhile: it counts as
     * having lost the lease and taken it again (the listeners read everything again). If a listener fails on taking the
     * lease, the lease is given up and the next renewal tries again.
     */
    public void renew() {
        synchronized (renewing) {
            long started = System.nanoTime();
            Instant now = clock.instant();
            boolean wasActive = active;
            boolean lapsed = wasActive && !isHeld();
            boolean held;
            try {
                Document current = mongo.findById(ID, Document.class, COLLECTION);
                if (current != null && !instance.equals(current.getString("owner")) && !current.getDate("until").toInstant().isBefore(now)) {
                    // Held by another instance, and not run out (the conditional upsert below would fail on the key).
                    throw new DuplicateKeyException("held by " + current.getString("owner"));
                }
                Update update = new Update().set("owner", instance).set("until", now.plus(ttl)).set("renewedAt", now);
                if (!wasActive || lapsed) {
                    update.inc("epoch", 1).set("since", now);
                }
                Query mineOrExpired = new Query(Criteria.where("_id").is(ID)
                        .orOperator(Criteria.where("owner").is(instance), Criteria.where("until").lt(now)));
                Document lease = mongo.findAndModify(mineOrExpired, update,
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
                heldUntilNanos = started + ttl.toNanos() * 2 / 3;
                epoch = lease.get("epoch", Number.class).longValue();
                holder = instance;
                held = true;
            } catch (DuplicateKeyException e) {
                // Held by another instance, and not expired.
                Document lease = mongo.findById(ID, Document.class, COLLECTION);
                holder = lease == null ? null : lease.getString("owner");
                held = false;
            } catch (RuntimeException e) {
                // The database does not answer: the lease runs out by itself if this goes on.
                log.warn("projection lease: could not renew ({}); held for {} ms more", e.toString(),
                        Math.max(0, TimeUnit.NANOSECONDS.toMillis(heldUntilNanos - System.nanoTime())));
                held = isHeld();
            }
            attempted = true;
            if (wasActive && (!held || lapsed)) {
                active = false;
                log.warn("analytics instance {} lost the projection lease (holder now {}); it stops consuming", instance, holder);
                lostListeners.forEach(ProjectionLease::run);
            }
            if (held && (!wasActive || lapsed)) {
                acquire();
            }
        }
    }

    /** This instance becomes the holder: the listeners prepare and start the consumer; if one fails, the lease goes back. */
    private void acquire() {
        active = true;
        log.info("analytics instance {} writes the projections now (lease epoch {})", instance, epoch);
        try {
            acquiredListeners.forEach(Runnable::run);
        } catch (RuntimeException e) {
            log.error("analytics instance {} could not start writing the projections; gives the lease back and tries again", instance, e);
            lostListeners.forEach(ProjectionLease::run);
            release();
        }
    }

    private static void run(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.error("projection lease listener failed", e);
        }
    }

    /** Gives the lease up (only if still this instance's), so that a standby takes over at its next attempt. */
    void release() {
        synchronized (renewing) {
            if (active) {
                active = false;
                // Run out at once (the document stays, with its epoch).
                mongo.updateFirst(new Query(Criteria.where("_id").is(ID).and("owner").is(instance)),
                        new Update().set("until", java.util.Date.from(Instant.EPOCH)), COLLECTION);
                log.info("analytics instance {} released the projection lease", instance);
            }
        }
    }

    /** The first attempt once the bindings exist (they are created when the context has started). */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void ready() {
        ready = true;
        schedule();
    }

    /** Renewals every third of the time to live, at a fixed rate (a slow renewal does not push the next one back). */
    private void schedule() {
        if (running && ready && renewals == null) {
            renewals = scheduler.scheduleAtFixedRate(this::renewSafely, 0, Math.max(1, ttl.toMillis() / 3), TimeUnit.MILLISECONDS);
        }
    }

    private void renewSafely() {
        try {
            renew();
        } catch (RuntimeException e) {
            log.error("projection lease renewal failed", e);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-lease");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        // Started again after a stop (the bindings exist by then): renew at once.
        schedule();
    }

    /** Stopped after the consumer bindings (a lower phase): the lease is given up once nothing is applied any more. */
    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        renewals = null;
        try {
            release();
        } catch (RuntimeException e) {
            log.warn("projection lease: could not release ({}); it runs out by itself", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
