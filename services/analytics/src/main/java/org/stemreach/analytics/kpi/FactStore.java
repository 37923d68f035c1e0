package org.stemreach.analytics.kpi;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.stemreach.analytics.projection.Generations;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.analytics.projection.ReachProjection;
import org.stemreach.kit.consumer.DocumentUpdate;
import org.stemreach.model.activity.ActivityCategory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the facts of the current generation for the calculator, resolving what the projection kept per
 * revision or per time into the latest value. The facts are held in memory: read in full once per generation,
 * then refreshed incrementally — after each applied batch only the documents that batch touched are read again
 * (by id), so the cost of a fresh KPI document does not grow with the history and needs no database round trip.
 */
@Component
public class FactStore {

    /** Small {@code $in} lists: the Mongo-wire test server matches every candidate against the whole list. */
    private static final int IDS_PER_QUERY = 250;
    /** Documents per reply when a whole collection is read. */
    static final int READ_BATCH = 5_000;
    /** The Projector's counters document in {@link Projector#STATS}. */
    private static final String STATS_ID = "events";
    /** Batches up to this many events refresh the facts at once. */
    static final int EAGER_REFRESH_BATCH = 100;
    /** ... and leave at most this many touched documents to read again. */
    static final int EAGER_REFRESH_DOCUMENTS = 1_000;

    private final MongoTemplate mongo;
    private final Generations generations;
    private final AtomicLong changes = new AtomicLong();
    private final Set<String> changedActivities = ConcurrentHashMap.newKeySet();
    private final Set<String> changedAttendance = ConcurrentHashMap.newKeySet();
    private final Object refreshing = new Object();
    private final Map<String, Document> facts = new HashMap<>();
    private final Map<String, Map<String, String>> attendees = new HashMap<>();
    private final Map<String, ReachFacts.Activity> activities = new HashMap<>();
    /** Every other collection the calculator reads, mirrored by id (only touched under {@code refreshing}). */
    private final Map<String, Mirror> mirrors = Map.of(
            ReachProjection.DOWNLOADS_BY_PROJECT, new Mirror(ReachProjection.DOWNLOADS_BY_PROJECT),
            ReachProjection.DOWNLOADS_BY_DAY, new Mirror(ReachProjection.DOWNLOADS_BY_DAY),
            ReachProjection.PROJECTS, new Mirror(ReachProjection.PROJECTS),
            ReachProjection.EXTERNAL, new Mirror(ReachProjection.EXTERNAL),
            Projector.STATS, new Mirror(Projector.STATS));
    private int loadedGeneration = -1;
    private volatile Snapshot snapshot;

    public FactStore(MongoTemplate mongo, Generations generations, Projector projector) {
        this.mongo = mongo;
        this.generations = generations;
        projector.onApplied(this::touched);
    }

    /** Notes which documents a newly applied batch changed, moves the version on and refreshes the facts. */
    private void touched(Projector.Applied applied) {
        if (applied.recovered()) {
            // A batch whose writes failed halfway was completed now: which documents it changed is not known here.
            invalidate();
            return;
        }
        for (DocumentUpdate update : applied.updates()) {
            if (update.collection().equals(ReachProjection.ACTIVITIES)) {
                changedActivities.add((String) update.id());
            } else if (update.collection().equals(ReachProjection.ATTENDANCE)) {
                changedAttendance.add((String) update.id());
            } else if (mirrors.containsKey(update.collection())) {
                mirrors.get(update.collection()).changed.add((String) update.id());
            }
        }
        // Every batch moves the counters on (the Projector's own update, among the batch's updates).
        changes.incrementAndGet();
        // Live traffic (small batches, few documents to read again): refresh now, on the consumer's thread, rather than
        // in the next KPI request. While catching up, the next request refreshes, once for many batches.
        if (refreshNow(applied.events().size(), pending())) {
            synchronized (refreshing) {
                synced();
            }
        }
    }

    /**
     * Whether a batch of {@code events} that leaves {@code pendingDocuments} to be read again is refreshed at once: only
     * a live-sized batch, and only while the pending documents are few. A consumer catching up on one topic (large
     * batches) while another topic brings small ones would otherwise read thousands of documents after every small one.
     */
    static boolean refreshNow(int events, int pendingDocuments) {
        return events <= EAGER_REFRESH_BATCH && pendingDocuments <= EAGER_REFRESH_DOCUMENTS;
    }

    private int pending() {
        int pending = changedActivities.size() + changedAttendance.size();
        for (Mirror mirror : mirrors.values()) {
            pending += mirror.changed.size();
        }
        return pending;
    }

    /**
     * Forgets the facts in memory: the next read loads them in full. For an instance that becomes the projections' writer
     * ({@link org.stemreach.analytics.projection.ProjectionLease}): another instance may have applied batches meanwhile.
     */
    public void invalidate() {
        synchronized (refreshing) {
            loadedGeneration = -1;
            changes.incrementAndGet();
        }
    }

    /** Whether the facts in memory include every applied batch (nothing left for the next request to read). */
    public boolean isCurrent() {
        Snapshot current = snapshot;
        return current != null && current.version() == version();
    }

    /** Increases with every applied batch: cached results older than it are stale. */
    public long version() {
        return changes.get() * 1000 + generations.current();
    }

    private record Snapshot(long version, List<ReachFacts.Activity> activities) {
    }

    /** Every activity that is not cancelled, with its participation. */
    public List<ReachFacts.Activity> activities() {
        Snapshot current = snapshot;
        if (current != null && current.version() == version()) {
            return current.activities();
        }
        synchronized (refreshing) {
            return synced().activities();
        }
    }

    /** Brings the in-memory facts up to date; call with {@code refreshing} held. */
    private Snapshot synced() {
        // Read the version before taking the changed ids: ids noted later come with a later version.
        long version = version();
        Snapshot current = snapshot;
        if (current != null && current.version() == version) {
            return current;
        }
        int generation = generations.current();
        if (generation != loadedGeneration) {
            changedActivities.clear();
            changedAttendance.clear();
            mirrors.values().forEach(Mirror::load);
            loadAll();
            loadedGeneration = generation;
        } else {
            mirrors.values().forEach(Mirror::refresh);
            refresh(drain(changedActivities), drain(changedAttendance));
        }
        snapshot = new Snapshot(version, List.copyOf(activities.values()));
        return snapshot;
    }

    /** The mirrored documents of a period (all networks when {@code network} is null), consistent with one applied batch. */
    private List<Document> mirrored(String collection, String network, String period) {
        synchronized (refreshing) {
            synced();
            List<Document> found = new ArrayList<>();
            for (Document document : mirrors.get(collection).inPeriod(period)) {
                if (network == null || network.equals(document.getString("network"))) {
                    found.add(document);
                }
            }
            return found;
        }
    }

    /** One mirrored document, as of the latest applied batch. */
    private Document mirrored(String collection, String id) {
        synchronized (refreshing) {
            synced();
            return mirrors.get(collection).documents.get(id);
        }
    }

    /**
     * A collection held in memory by id (and by period, for the documents that have one): loaded once per
     * generation, then only the touched documents again.
     */
    private final class Mirror {
        final String collection;
        final Map<String, Document> documents = new HashMap<>();
        final Map<String, Map<String, Document>> byPeriod = new HashMap<>();
        final Set<String> changed = ConcurrentHashMap.newKeySet();

        Mirror(String collection) {
            this.collection = collection;
        }

        void load() {
            changed.clear();
            documents.clear();
            byPeriod.clear();
            forEachIn(collection, this::put);
        }

        void refresh() {
            Set<String> ids = drain(changed);
            ids.forEach(this::remove);
            byIds(collection, ids).forEach(this::put);
        }

        Collection<Document> inPeriod(String period) {
            return byPeriod.getOrDefault(period, Map.of()).values();
        }

        private void put(Document document) {
            String id = document.getString("_id");
            documents.put(id, document);
            String period = document.getString("period");
            if (period != null) {
                byPeriod.computeIfAbsent(period, p -> new HashMap<>()).put(id, document);
            }
        }

        private void remove(String id) {
            Document gone = documents.remove(id);
            String period = gone == null ? null : gone.getString("period");
            if (period != null) {
                byPeriod.getOrDefault(period, new HashMap<>()).remove(id);
            }
        }
    }

    private static Set<String> drain(Set<String> changed) {
        Set<String> taken = new HashSet<>();
        for (java.util.Iterator<String> ids = changed.iterator(); ids.hasNext(); ) {
            taken.add(ids.next());
            ids.remove();
        }
        return taken;
    }

    private void loadAll() {
        facts.clear();
        attendees.clear();
        activities.clear();
        forEachIn(ReachProjection.ATTENDANCE, this::note);
        forEachIn(ReachProjection.ACTIVITIES, fact -> facts.put(fact.getString("_id"), fact));
        for (String id : facts.keySet()) {
            rebuild(id);
        }
    }

    private void refresh(Set<String> activityIds, Set<String> attendanceIds) {
        Set<String> rebuild = new HashSet<>(activityIds);
        for (Document attendance : byIds(ReachProjection.ATTENDANCE, attendanceIds)) {
            note(attendance);
            rebuild.add(attendance.getString("activityId"));
        }
        for (String id : activityIds) {
            facts.remove(id);
        }
        for (Document fact : byIds(ReachProjection.ACTIVITIES, activityIds)) {
            facts.put(fact.getString("_id"), fact);
        }
        rebuild.forEach(this::rebuild);
    }

    /**
     * Every document of the current generation's collection, read in batches of {@value #READ_BATCH}. Asked for all at once,
     * the Mongo-wire server answers in one reply, which the driver refuses above 48 MB (a million attendance documents
     * are 200 MB); real MongoDB keeps to 16 MB batches of its own.
     */
    private void forEachIn(String collection, java.util.function.Consumer<Document> action) {
        try (java.util.stream.Stream<Document> all = mongo.stream(new Query().cursorBatchSize(READ_BATCH), Document.class,
                generations.physical(collection))) {
            all.forEach(action);
        }
    }

    private List<Document> byIds(String collection, Set<String> ids) {
        List<Document> found = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            found.addAll(mongo.find(new Query(Criteria.where("_id").in(chunk)), Document.class, generations.physical(collection)));
        }
        return found;
    }

    /** Keeps a teacher among an activity's attendees while their latest mark of some session says present. */
    private void note(Document attendance) {
        String activity = attendance.getString("activityId");
        if (attended(attendance.get("marks", Document.class), attendance.get("markTimes", Document.class))) {
            attendees.computeIfAbsent(activity, a -> new LinkedHashMap<>()).put(attendance.getString("teacherId"), attendance.getString("schoolId"));
        } else if (attendees.containsKey(activity)) {
            attendees.get(activity).remove(attendance.getString("teacherId"));
        }
    }

    private void rebuild(String id) {
        ReachFacts.Activity activity = activity(facts.get(id));
        if (activity == null) {
            activities.remove(id);
        } else {
            activities.put(id, activity);
        }
    }

    private ReachFacts.Activity activity(Document fact) {
        if (fact == null) {
            return null;
        }
        Document revisions = fact.get("revisions", Document.class);
        if (revisions == null || revisions.isEmpty()) {
            return null; // attendance or a headcount arrived before the activity itself
        }
        String latestKey = revisions.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
        Document details = revisions.get(latestKey, Document.class);
        long revision = Long.parseLong(latestKey.substring(1));
        Number cancelled = fact.get("cancelledRevision", Number.class);
        if ((cancelled != null && cancelled.longValue() >= revision) || details.getString("period") == null) {
            return null;
        }
        String id = fact.getString("_id");
        // The latest revision's network (an activity moved to another network); the document's own for those written before.
        String network = details.getString("network") != null ? details.getString("network") : fact.getString("network");
        return new ReachFacts.Activity(id, network, details.getString("period"),
                details.getString("partnerId"), details.getString("partner"), details.getString("locationId"),
                details.getString("location"), details.getString("type"), ActivityCategory.valueOf(details.getString("category")),
                LocalDate.parse(details.getString("firstSession")), details.getString("programme"), details.getString("programmeLevel"),
                Collections.unmodifiableMap(new LinkedHashMap<>(attendees.getOrDefault(id, Map.of()))),
                latest(fact.get("headcounts", Document.class)), details.getString("title"));
    }

    /** A teacher attended if, for at least one session, the latest mark says present. */
    static boolean attended(Document marks) {
        return attended(marks, null);
    }

    /**
     * The same, with the times of the marks that have a sequence ({@code markTimes}). Within a session, marks with a
     * sequence ({@code s<version>}) are ordered by it, whatever the writers' clocks; those without ({@code t<millis>},
     * from events of before the sequence, or from an instance not yet upgraded) by time, and the latest of them is the
     * latest mark only if its time is after that of the latest mark with a sequence.
     */
    static boolean attended(Document marks, Document markTimes) {
        if (marks == null) {
            return false;
        }
        for (String session : marks.keySet()) {
            Document byKey = marks.get(session, Document.class);
            Document times = markTimes == null ? null : markTimes.get(session, Document.class);
            String bySequence = latest(byKey, "s");
            String byTime = latest(byKey, "t");
            String latest = bySequence;
            if (byTime != null) {
                Long sequencedAt = bySequence == null || times == null ? null : times.getLong(bySequence);
                if (bySequence == null || (sequencedAt != null && Long.parseLong(byTime.substring(1)) > sequencedAt)) {
                    latest = byTime;
                }
            }
            if (latest != null && Boolean.TRUE.equals(byKey.getBoolean(latest))) {
                return true;
            }
        }
        return false;
    }

    /** The key with the highest number among those with the prefix ({@code s12}: 12), or null. */
    private static String latest(Document marks, String prefix) {
        return marks.keySet().stream().filter(k -> k.startsWith(prefix)).max(Comparator.comparingLong(k -> Long.parseLong(k.substring(1))))
                .orElse(null);
    }

    private static int latest(Document headcounts) {
        if (headcounts == null || headcounts.isEmpty()) {
            return 0;
        }
        String key = headcounts.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
        return ((Number) headcounts.get(key)).intValue();
    }

    /** Downloads per project of a period (all networks when {@code network} is null), with the latest titles. */
    public List<ReachFacts.ProjectDownloads> downloads(String network, String period) {
        Map<String, long[]> byProject = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        synchronized (refreshing) {
            for (Document row : mirrored(ReachProjection.DOWNLOADS_BY_PROJECT, network, period)) {
                long[] counts = byProject.computeIfAbsent(row.getString("projectId"), id -> new long[2]);
                counts[0] += number(row, "sheets");
                counts[1] += number(row, "materials");
            }
            Map<String, Document> projects = mirrors.get(ReachProjection.PROJECTS).documents;
            for (String id : byProject.keySet()) {
                Document project = projects.get(id);
                Document all = project == null ? null : project.get("titles", Document.class);
                if (all != null && !all.isEmpty()) {
                    titles.put(id, all.getString(all.keySet().stream()
                            .max(Comparator.comparingLong(t -> Long.parseLong(t.substring(1)))).orElseThrow()));
                }
            }
        }
        List<ReachFacts.ProjectDownloads> downloads = new ArrayList<>();
        byProject.forEach((id, c) -> downloads.add(new ReachFacts.ProjectDownloads(id, titles.getOrDefault(id, id), c[0], c[1])));
        return downloads;
    }

    /** Downloads per day of a period (for the dashboard's chart). */
    public Map<String, long[]> downloadsPerDay(String network, String period) {
        Map<String, long[]> days = new java.util.TreeMap<>();
        for (Document row : mirrored(ReachProjection.DOWNLOADS_BY_DAY, network, period)) {
            long[] counts = days.computeIfAbsent(row.getString("day"), d -> new long[2]);
            counts[0] += number(row, "sheets");
            counts[1] += number(row, "materials");
        }
        return days;
    }

    public List<ReachFacts.ExternalFigure> external(String network, String period) {
        Map<List<String>, Double> figures = new LinkedHashMap<>();
        for (Document row : mirrored(ReachProjection.EXTERNAL, network, period)) {
            Document values = row.get("values", Document.class);
            String latest = values.keySet().stream().max(Comparator.comparingLong(t -> Long.parseLong(t.substring(1)))).orElseThrow();
            figures.merge(List.of(row.getString("channel"), row.getString("metric")), ((Number) values.get(latest)).doubleValue(), Double::sum);
        }
        List<ReachFacts.ExternalFigure> list = new ArrayList<>();
        figures.forEach((key, value) -> list.add(new ReachFacts.ExternalFigure(key.get(0), key.get(1), value)));
        return list;
    }

    public long eventsApplied() {
        Document stats = mirrored(Projector.STATS, STATS_ID);
        return stats == null ? 0 : number(stats, "applied");
    }

    /** The calendars the facts were filed with (their periods), or null if unknown (facts of versions before this). */
    public String calendarsOfFacts() {
        Document stats = mirrored(Projector.STATS, STATS_ID);
        return stats == null ? null : stats.getString("calendars");
    }

    public Instant lastEventAt() {
        Document stats = mirrored(Projector.STATS, STATS_ID);
        Date last = stats == null ? null : stats.getDate("lastEventAt");
        return last == null ? null : last.toInstant();
    }

    /** The networks that have any fact. */
    public Set<String> networks() {
        Set<String> networks = new java.util.TreeSet<>();
        activities().forEach(a -> networks.add(a.network()));
        synchronized (refreshing) {
            synced();
            for (Document document : mirrors.get(ReachProjection.DOWNLOADS_BY_PROJECT).documents.values()) {
                if (document.getString("network") != null) {
                    networks.add(document.getString("network"));
                }
            }
        }
        return networks;
    }

    static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
