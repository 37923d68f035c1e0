package org.stemreach.analytics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.stemreach.kit.consumer.DeadLetters;
import org.stemreach.kit.consumer.DocumentUpdate;
import org.stemreach.kit.consumer.EventBatch;
import org.stemreach.kit.consumer.IdempotentApplier;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Applies every batch of events to the KPI projections, exactly once ({@link IdempotentApplier}).
 * Unknown event types (a newer producer) are skipped and counted; unreadable records go to the
 * dead-letter topic.
 */
@Component
public class Projector {

    public static final String GROUP = "analytics";
    public static final String STATS = "stats";
    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    private final CloudEventCodec codec;
    private final DeadLetters deadLetters;
    private final IdempotentApplier applier;
    private final DownloadsProjection downloads;
    private final MeterRegistry meters;
    private final List<Consumer<List<TypedEvent<?>>>> listeners = new CopyOnWriteArrayList<>();

    public Projector(CloudEventCodec codec, DeadLetters deadLetters, MongoTemplate mongo, DownloadsProjection downloads,
                     MeterRegistry meters) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.downloads = downloads;
        this.meters = meters;
        this.applier = new IdempotentApplier(mongo, "kpis", name -> name, meters);
    }

    /** Called with the events of every applied batch (for live dashboards). */
    public void onApplied(Consumer<List<TypedEvent<?>>> listener) {
        listeners.add(listener);
    }

    public void accept(Message<List<byte[]>> message) {
        EventBatch batch = EventBatch.decode(message, codec);
        log.debug("batch of {} events, {} rejected", batch.items().size(), batch.rejected().size());
        batch.rejected().forEach(record -> deadLetters.send(GROUP, record));
        Map<String, TypedEvent<?>> typed = new HashMap<>();
        List<ReceivedEvent> known = new ArrayList<>();
        for (EventBatch.Item item : batch.items()) {
            ReceivedEvent event = item.event();
            Optional<EventType<?>> type = EventCatalog.byName(event.type());
            if (type.isEmpty()) {
                meters.counter("stemreach.events.ignored", "reason", "unknown-type", "type", event.type()).increment();
                continue;
            }
            try {
                typed.put(event.id(), read(event, type.get()));
                known.add(event);
            } catch (CloudEventCodec.MalformedEventException e) {
                deadLetters.send(GROUP, item.reject(e.getMessage()));
            }
        }
        if (known.isEmpty()) {
            return;
        }
        IdempotentApplier.Result result = applier.apply(known, fresh -> plan(fresh, typed));
        if (result.applied() > 0) {
            List<TypedEvent<?>> applied = result.newEvents().stream().<TypedEvent<?>>map(e -> typed.get(e.id())).toList();
            listeners.forEach(listener -> notify(listener, applied));
        }
    }

    private Collection<DocumentUpdate> plan(List<ReceivedEvent> fresh, Map<String, TypedEvent<?>> typed) {
        List<DocumentUpdate> updates = new ArrayList<>();
        long planned = 0;
        Date last = null;
        for (ReceivedEvent event : fresh) {
            TypedEvent<?> typedEvent = typed.get(event.id());
            if (downloads.plan(typedEvent, updates)) {
                planned++;
                Date time = Date.from(event.time());
                last = last == null || time.after(last) ? time : last;
            }
        }
        if (planned > 0) {
            updates.add(DocumentUpdate.of(STATS, "events").inc("applied", planned).max("lastEventAt", last));
        }
        return updates;
    }

    private <T> TypedEvent<T> read(ReceivedEvent event, EventType<T> type) {
        return new TypedEvent<>(event, type, codec.dataAs(event, type));
    }

    private static void notify(Consumer<List<TypedEvent<?>>> listener, List<TypedEvent<?>> applied) {
        try {
            listener.accept(applied);
        } catch (RuntimeException e) {
            log.warn("projection listener failed: {}", e.toString());
        }
    }
}
