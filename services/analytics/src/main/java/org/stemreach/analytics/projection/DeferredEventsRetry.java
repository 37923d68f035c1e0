package org.stemreach.analytics.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shortly after start and then now and again, applies the events an earlier version kept because it did not know
 * their type ({@link Projector#applyDeferred}): after an upgrade they count, with no replay needed.
 */
@Component
class DeferredEventsRetry {

    private static final Logger log = LoggerFactory.getLogger(DeferredEventsRetry.class);

    private final Projector projector;

    DeferredEventsRetry(Projector projector) {
        this.projector = projector;
    }

    @Scheduled(fixedDelayString = "${stemreach.analytics.deferred-retry-interval:5m}", initialDelayString = "20s")
    void applyDeferred() {
        try {
            int applied;
            do {
                applied = projector.applyDeferred();
            } while (applied == Projector.DEFERRED_BATCH);
        } catch (RuntimeException e) {
            log.warn("events kept for this version not applied yet (tried again later): {}", e.toString());
        }
    }
}
