package org.stemreach.analytics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Applies every batch of events to the KPI projections, exactly once ({@link IdempotentApplier}), in the current
 * generation and, while a replay builds the next one, in that one too. Unknown event types are counted; those of a
 * source this version knows (a newer producer, deployed first) are kept in {@value #DEFERRED} and applied once a version
 * that knows them runs ({@link #applyDeferred}); unreadable records go to the dead-letter topic. Only the instance
 * holding the {@link ProjectionLease} applies anything.
 */
@Component
public class Projector {

    public static final String GROUP = "analytics";
    public static final String STATS = "stats";
    /** Events of a type this version does not know, from a source it knows, kept for a version that does. */
    public static final String DEFERRED = "deferred_events";
    /** The most kept events applied in one go. */
    static final int DEFERRED_BATCH = 1_000;
    /** Writers per batch besides the consumer's thread: the processed-event marks and the busiest collections. */
    private static final int WRITERS = 4;
    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    private final CloudEventCodec codec;
    private final DeadLetters deadLetters;
    private final MongoTemplate mongo;
    private final ReachProjection projection;
    private final Generations generations;
    private final MeterRegistry meters;
    private final ProjectionLease lease;
    private final Map<Integer, IdempotentApplier> appliers = new ConcurrentHashMap<>();
    private final List<Consumer<Applied>> listeners = new CopyOnWriteArrayList<>();
    /** A batch's writes to different collections go side by side (see {@link IdempotentApplier}). */
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, new CustomizableThreadFactory("projection-writer-"));

    public Projector(CloudEventCodec codec, DeadLetters deadLetters, MongoTemplate mongo, ReachProjection projection,
                     Generations generations, MeterRegistry meters, ProjectionLease lease) {
        this.lease = lease;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.mongo = mongo;
        this.projection = projection;
        this.generations = generations;
        this.meters = meters;
        for (String topic : List.of(org.stemreach.model.event.Topics.REGISTRATIONS, org.stemreach.model.event.Topics.COACHING,
                org.stemreach.model.event.Topics.DOWNLOADS)) {
            deadLetters.expect(topic, GROUP);
        }
        // Every series the ignored-events counter can have, from 0: the first event ignored after a start is an increase.
        ignoredTags().forEach((reason, types) -> types.forEach(type -> meters.counter("stemreach.events.ignored", "reason", reason, "type", type)));
    }

    /** The tags the ignored-events counter takes, by reason: a bounded set (see {@link #unknownTypeTag}). */
    static Map<String, java.util.Set<String>> ignoredTags() {
        java.util.Set<String> unknown = new java.util.TreeSet<>(List.of("other"));
        java.util.Set<String> unusable = new java.util.TreeSet<>();
        for (EventType<?> known : EventCatalog.all()) {
            unusable.add(known.name());
        }
        KNOWN_SOURCES.forEach(source -> unknown.add(source + ".*"));
        return Map.of("unknown-type", unknown, "unusable-data", unusable);
    }

    private static java.util.Set<String> knownSources() {
        java.util.Set<String> sources = new java.util.TreeSet<>(org.stemreach.model.event.Topics.all());
        for (EventType<?> known : EventCatalog.all()) {
            java.util.regex.Matcher domain = TYPE_DOMAIN.matcher(known.name());
            if (domain.find()) {
                sources.add(domain.group(1));
            }
        }
        return sources;
    }

    /**
     * A batch newly applied to the current generation: its new events, and the documents they changed. With
     * {@code recovered}, batches an earlier attempt left half-written were completed first: documents not named here
     * changed as well, and whoever mirrors them reads everything again.
     */
    public record Applied(List<TypedEvent<?>> events, List<DocumentUpdate> updates, boolean recovered) {
    }

    /** Called with every batch newly applied to the current generation (for the facts in memory and live dashboards). */
    public void onApplied(Consumer<Applied> listener) {
        listeners.add(listener);
    }

    /** One poll of the {@code events-in-0} binding. */
    public void accept(Message<List<byte[]>> message) {
        requireLease();
        EventBatch batch = EventBatch.decode(message, codec);
        batch.rejected().forEach(record -> deadLetters.send(GROUP, record));
        Map<String, TypedEvent<?>> typed = new HashMap<>();
        Map<String, EventBatch.Item> items = new HashMap<>();
        List<ReceivedEvent> known = new ArrayList<>();
        for (EventBatch.Item item : batch.items()) {
            read(item).ifPresent(event -> {
                typed.put(event.id(), event);
                items.put(event.id(), item);
                known.add(event.raw());
            });
        }
        if (known.isEmpty()) {
            return;
        }
        // No replay switches to (or drops) a generation between the two: the batch is in both, or comes again.
        Attempt attempt = generations.whileUnchanged(() -> {
            // Events whose data the projection cannot use (e.g. a required field missing) are dead-lettered, never retried
            // for ever, so one such record cannot stop the partitions behind it. They go out once planned, before anything
            // of the batch is written: a send that fails fails the batch, which comes again with them still new. (Sent after
            // the writes, a failed send left them marked as processed, and the redelivery skipped them: the dead letter was
            // lost.) The current generation goes first, so that whichever generation is current when a failed batch comes
            // again still finds them new; the one a replay builds gets the batch only after the current one took it.
            IdempotentApplier.Result current = applyTo(generations.current(), known, typed, unusable ->
                    unusable.forEach((id, problem) -> deadLetters.send(GROUP, items.get(id).reject(problem))));
            try {
                generations.building().ifPresent(next -> applyTo(next, known, typed));
                return new Attempt(current, null);
            } catch (RuntimeException e) {
                return new Attempt(current, e);
            }
        });
        IdempotentApplier.Result result = attempt.current();
        // Told even when the generation being built failed: the current one has the batch, and will skip it when it comes again.
        if (result.applied() > 0 || result.recovered() > 0) {
            Applied applied = new Applied(result.newEvents().stream().<TypedEvent<?>>map(e -> typed.get(e.id())).toList(), result.updates(),
                    result.recovered() > 0);
            listeners.forEach(listener -> notify(listener, applied));
        }
        if (attempt.buildingFailure() != null) {
            throw attempt.buildingFailure();
        }
    }

    /** A batch applied to the current generation, and what stopped it in the one being built (or null). */
    private record Attempt(IdempotentApplier.Result current, RuntimeException buildingFailure) {
    }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }

    /** Applies already-read events to one generation (the replay uses it for the generation it builds). */
    public IdempotentApplier.Result applyTo(int generation, List<ReceivedEvent> events, Map<String, TypedEvent<?>> typed) {
        return applyTo(generation, events, typed, unusable -> { });
    }

    /**
     * The same, handing the new events the projection could not use (by id, with the reason; they are skipped) to
     * {@code beforeWrite} once the batch is planned and before it is written; if that throws, nothing is written.
     */
    private IdempotentApplier.Result applyTo(int generation, List<ReceivedEvent> events, Map<String, TypedEvent<?>> typed,
                                             Consumer<Map<String, String>> beforeWrite) {
        requireLease();
        IdempotentApplier applier = appliers.computeIfAbsent(generation, g -> new IdempotentApplier(mongo, "kpis",
                name -> Generations.physical(g, name), meters, writers).fencedBy(this::requireLease, lease.writeBound()));
        return applier.apply(events, fresh -> {
            Map<String, String> unusable = new LinkedHashMap<>();
            Collection<DocumentUpdate> updates = plan(fresh, typed, unusable);
            if (!unusable.isEmpty()) {
                beforeWrite.accept(unusable);
            }
            return updates;
        });
    }

    private static final java.util.regex.Pattern TYPE_DOMAIN = java.util.regex.Pattern.compile("^(stemreach\\.[a-z][a-z-]{0,40})\\.");

    /** The sources whose events of types not known yet are kept: every topic (each its types' prefix), and the types' own domains. */
    private static final java.util.Set<String> KNOWN_SOURCES = knownSources();


    /**
     * The tag of a type this version does not know: its domain ({@code stemreach.downloads.*}, a newer event of a known
     * source) or {@code other}. Not the type itself: each value a record may carry would make a meter of its own.
     */
    static String unknownTypeTag(String type) {
        java.util.regex.Matcher domain = TYPE_DOMAIN.matcher(type);
        return domain.find() && KNOWN_SOURCES.contains(domain.group(1)) ? domain.group(1) + ".*" : "other";
    }

    /** Reads a record's event into its type, or dead-letters it; empty for types this version does not know. */
    public Optional<TypedEvent<?>> read(EventBatch.Item item) {
        return read(item, true);
    }

    /**
     * The same for a replay, which reads records the live consumer read (and dead-lettered) before: one whose data does
     * not fit its type is passed over, not sent to the dead-letter topic again.
     */
    public Optional<TypedEvent<?>> readAgain(EventBatch.Item item) {
        return read(item, false);
    }

    private Optional<TypedEvent<?>> read(EventBatch.Item item, boolean deadLetter) {
        ReceivedEvent event = item.event();
        Optional<EventType<?>> type = EventCatalog.byName(event.type());
        if (type.isEmpty()) {
            String tag = unknownTypeTag(event.type());
            meters.counter("stemreach.events.ignored", "reason", "unknown-type", "type", tag).increment();
            if (!tag.equals("other")) {
                keepForLater(item);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(typed(event, type.get()));
        } catch (CloudEventCodec.MalformedEventException e) {
            if (deadLetter) {
                deadLetters.send(GROUP, item.reject(e.getMessage()));
            }
            return Optional.empty();
        }
    }

    /**
     * Keeps an event this version cannot apply yet (before its batch is acknowledged: if this fails, the batch comes
     * again). Its id is the key: kept once however often it is read.
     */
    private void keepForLater(EventBatch.Item item) {
        ReceivedEvent event = item.event();
        mongo.getCollection(DEFERRED).updateOne(com.mongodb.client.model.Filters.eq("_id", event.id()),
                com.mongodb.client.model.Updates.combine(
                        com.mongodb.client.model.Updates.setOnInsert("type", event.type()),
                        com.mongodb.client.model.Updates.setOnInsert("topic", item.topic()),
                        com.mongodb.client.model.Updates.setOnInsert("partition", item.partition()),
                        com.mongodb.client.model.Updates.setOnInsert("offset", item.offset()),
                        com.mongodb.client.model.Updates.setOnInsert("value", new org.bson.types.Binary(item.value())),
                        com.mongodb.client.model.Updates.setOnInsert("keptAt", new Date())),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    /**
     * Applies the kept events whose type this version knows (kept by an earlier version), as a batch of their own, then
     * lets go of them; exactly once like any batch. Nothing while another instance holds the lease.
     *
     * @return how many were applied (0 when none waits)
     */
    public int applyDeferred() {
        if (!lease.isHeld()) {
            return 0;
        }
        List<String> known = EventCatalog.all().stream().map(EventType::name).toList();
        List<org.bson.Document> ready = mongo.getCollection(DEFERRED).find(com.mongodb.client.model.Filters.in("type", known))
                .limit(DEFERRED_BATCH).into(new ArrayList<>());
        if (ready.isEmpty()) {
            return 0;
        }
        List<byte[]> values = new ArrayList<>();
        List<Object> topics = new ArrayList<>();
        List<Object> partitions = new ArrayList<>();
        List<Object> offsets = new ArrayList<>();
        for (org.bson.Document kept : ready) {
            values.add(kept.get("value", org.bson.types.Binary.class).getData());
            topics.add(kept.getString("topic"));
            partitions.add(kept.getInteger("partition"));
            offsets.add(kept.getLong("offset"));
        }
        accept(org.springframework.messaging.support.MessageBuilder.withPayload(values)
                .setHeader(org.springframework.kafka.support.KafkaHeaders.RECEIVED_TOPIC, topics)
                .setHeader(org.springframework.kafka.support.KafkaHeaders.RECEIVED_PARTITION, partitions)
                .setHeader(org.springframework.kafka.support.KafkaHeaders.OFFSET, offsets).build());
        mongo.getCollection(DEFERRED).deleteMany(com.mongodb.client.model.Filters.in("_id", ready.stream().map(d -> d.get("_id")).toList()));
        log.info("applied {} events that an earlier version of analytics kept because it did not know their type", ready.size());
        return ready.size();
    }

    private Collection<DocumentUpdate> plan(List<ReceivedEvent> fresh, Map<String, TypedEvent<?>> typed, Map<String, String> unusable) {
        List<DocumentUpdate> updates = new ArrayList<>();
        long planned = 0;
        Date last = null;
        for (ReceivedEvent event : fresh) {
            int before = updates.size();
            try {
                if (projection.plan(typed.get(event.id()), updates)) {
                    planned++;
                }
            } catch (RuntimeException e) {
                // Nothing of it is kept (no half-planned event).
                updates.subList(before, updates.size()).clear();
                log.warn("event {} ({}) cannot be applied, dead-lettered: {}", event.id(), event.type(), e.toString());
                meters.counter("stemreach.events.ignored", "reason", "unusable-data", "type", event.type()).increment();
                unusable.put(event.id(), "the projection cannot use this event: " + e);
            }
            Date time = Date.from(event.time());
            last = last == null || time.after(last) ? time : last;
        }
        // The calendars the generation's first batch was filed with: a generation built since a change of them shows it.
        updates.add(DocumentUpdate.of(STATS, "events").inc("applied", fresh.size()).inc("counted", planned).max("lastEventAt", last)
                .setOnInsert("calendars", projection.calendars()));
        return updates;
    }

    /**
     * Throws unless this instance holds the {@link ProjectionLease}; checked before a batch and before each of its writes.
     * The batch is then not acknowledged and comes again, to the instance that holds the lease.
     */
    private void requireLease() {
        if (!lease.isHeld()) {
            throw new NotTheWriterException(lease.instance(), lease.holder());
        }
    }

    /** This instance does not hold the {@link ProjectionLease}: it applies nothing. */
    public static final class NotTheWriterException extends IllegalStateException {
        NotTheWriterException(String instance, String holder) {
            super("analytics instance " + instance + " does not hold the projection lease (holder: " + holder + "); batch not applied");
        }
    }

    private <T> TypedEvent<T> typed(ReceivedEvent event, EventType<T> type) {
        return new TypedEvent<>(event, type, codec.dataAs(event, type));
    }

    private static void notify(Consumer<Applied> listener, Applied applied) {
        try {
            listener.accept(applied);
        } catch (RuntimeException e) {
            log.warn("projection listener failed: {}", e.toString());
        }
    }
}
