package org.stemreach.analytics.projection;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shortly after start and then now and again, applies the events an earlier version kept because it did not know
 * their type ({@link Projector#applyDeferred}): after an upgrade they count, with no replay needed. On a thread of its
 * own: a large backlog never holds up the scheduled tasks that share Spring's (the gauges, the live streams' heartbeat).
 */
@Component
class DeferredEventsRetry {

    private static final Logger log = LoggerFactory.getLogger(DeferredEventsRetry.class);

    private final Projector projector;
    private final MongoTemplate mongo;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread retry = new Thread(runnable, "deferred-events");
        retry.setDaemon(true);
        return retry;
    });

    DeferredEventsRetry(Projector projector, MongoTemplate mongo,
                        @Value("${stemreach.analytics.deferred-retry-interval:5m}") Duration interval) {
        this.projector = projector;
        this.mongo = mongo;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        // Looked up by type: the kept events of types no version knows yet are passed over without reading them all.
        mongo.indexOps(Projector.DEFERRED).createIndex(new Index("type", org.springframework.data.domain.Sort.Direction.ASC));
        thread.scheduleWithFixedDelay(this::applyDeferred, 20_000, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void applyDeferred() {
        try {
            int applied;
            do {
                applied = projector.applyDeferred();
            } while (applied == Projector.DEFERRED_BATCH);
        } catch (RuntimeException e) {
            log.warn("events kept for this version not applied yet (tried again later): {}", e.toString());
        } catch (Error e) {
            // A scheduled task that throws is never run again: kept events would then wait for a restart.
            log.error("events kept for this version not applied yet (tried again later)", e);
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
