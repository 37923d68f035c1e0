package org.stemreach.downloads.download;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import jakarta.annotation.PreDestroy;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.OutboxEvent;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.TeacherId;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.event.EventCatalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a served download counts (COUNTER rules: robots never, the same client and file
 * within the double-click window once) and records a counted one with its event in one atomic write.
 */
@Service
public class DownloadCounting {

    public enum Outcome { COUNTED, REPEAT_WITHIN_WINDOW, ROBOT }

    public static final String PROJECT_STATS = "project_stats";
    static final String HEADS = "download_window_heads";
    private static final long NEVER = 0;

    /** A download that was served in full (or up to its last byte). */
    public record ServedDownload(ProjectId projectId, NetworkId network, AssetKind kind, Instant requestedAt,
                                 String ipAddress, String userAgent, TeacherId teacherId, String channel) {

        /** The same download, at another moment (when its last byte was written). */
        public ServedDownload at(Instant moment) {
            return new ServedDownload(projectId, network, kind, moment, ipAddress, userAgent, teacherId, channel);
        }
    }

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final ClientKeys clientKeys;
    private final RobotFilter robots;
    private final Duration window;
    private final MeterRegistry meters;
    /**
     * Counts this instance knows of, by window id (epoch millis), for at most the window's length: a download
     * within the window of a known count is a repeat without asking MongoDB. Only counts that happened are
     * kept, so this can never count a download that should not count, nor miss one that should.
     */
    private final Cache<String, Long> knownCounts;
    /**
     * Written in batches ({@link #flush()}): the heads are only a shortcut into the claim chains (a head that lags
     * behind costs a request one more read, never a wrong decision), and the per-project totals are for the public
     * "most downloaded" list, not the KPIs. So a count costs two writes by id (its claim with its event, here) and
     * a share of one bulk write, instead of four round trips.
     */
    private final Map<String, Long> pendingHeads = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingTotals = new ConcurrentHashMap<>();

    public DownloadCounting(MongoTemplate mongo, Outbox outbox, ClientKeys clientKeys, RobotFilter robots,
                            DownloadsProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clientKeys = clientKeys;
        this.robots = robots;
        this.window = properties.doubleClickWindow();
        this.meters = meters;
        this.knownCounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
        // Every outcome from 0, so that the first download not counted after a start is an increase an alert sees.
        for (AssetKind kind : AssetKind.values()) {
            for (String outcome : java.util.stream.Stream.concat(java.util.Arrays.stream(Outcome.values()).map(o -> o.name().toLowerCase()),
                    java.util.stream.Stream.of("not_counted")).toList()) {
                meters.counter("stemreach.downloads.served", "outcome", outcome, "kind", kind.name());
            }
        }
    }

    public Outcome record(ServedDownload download) {
        Outcome outcome;
        try {
            outcome = decide(download);
        } catch (RuntimeException e) {
            // Served but not counted (MongoDB away): on the dashboards and alertable, not only in a log line.
            meters.counter("stemreach.downloads.served", "outcome", "not_counted", "kind", download.kind().name()).increment();
            throw e;
        }
        meters.counter("stemreach.downloads.served", "outcome", outcome.name().toLowerCase(), "kind", download.kind().name())
                .increment();
        return outcome;
    }

    private Outcome decide(ServedDownload download) {
        if (robots.isRobot(download.userAgent())) {
            return Outcome.ROBOT;
        }
        Instant now = download.requestedAt();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // The counted downloads of one client and file form a chain: each is claimed, with its event, by inserting the
        // document "<window>|<time of the count before it>", which only one request can do. The head document points at
        // the latest count. Every read and write goes by id, so the check costs the same however many windows exist.
        String windowId = windowId(download, day);
        Long known = knownCounts.getIfPresent(windowId);
        if (known != null && within(known, now)) {
            return Outcome.REPEAT_WITHIN_WINDOW;
        }
        long previous;
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (now.isBefore(midnight.plus(window.multipliedBy(2)))) {
            // The client key changed at midnight, so the window id did too. A count in the window's first length after
            // midnight continues yesterday's chain (a click just before midnight, counted by another instance, claims
            // the same link: only one counts); until two lengths after midnight, yesterday's chain is followed to its
            // last count, whose head may not be written yet.
            String yesterday = windowId(download, day.minusDays(1));
            long last = lastCount(yesterday);
            if (last != NEVER && within(last, now)) {
                knownCounts.put(yesterday, last);
                return Outcome.REPEAT_WITHIN_WINDOW;
            }
            if (now.isBefore(midnight.plus(window))) {
                windowId = yesterday;
                previous = last;
            } else {
                // Past the first length: yesterday's chain is closed first, so that a request still adding to it (its
                // instance's clock a little behind, or in flight at the boundary) meets this one instead of counting too.
                long racing = closeChain(yesterday, last, now);
                if (racing != NEVER) {
                    knownCounts.put(yesterday, racing);
                    return Outcome.REPEAT_WITHIN_WINDOW;
                }
                previous = head(windowId);
            }
        } else {
            previous = head(windowId);
        }
        OutboxEvent event = null;
        String claim;
        while (true) {
            if (previous != NEVER && within(previous, now)) {
                knownCounts.put(windowId, previous);
                return Outcome.REPEAT_WITHIN_WINDOW;
            }
            if (event == null) {
                event = outbox.event(EventCatalog.DOWNLOAD_RECORDED, "project", download.projectId().value(),
                        new DownloadRecorded(download.projectId(), download.network(), download.kind(), now, download.channel(),
                                download.teacherId()), now);
            }
            claim = windowId + "|" + previous;
            try {
                mongo.insert(new DownloadWindow(claim, now, event));
                break;
            } catch (DuplicateKeyException e) {
                // Another request counted first (or the head lagged behind): follow the chain.
                DownloadWindow counted = mongo.findById(claim, DownloadWindow.class);
                if (counted != null) {
                    previous = counted.countedAt().toEpochMilli();
                }
            }
        }
        knownCounts.put(windowId, now.toEpochMilli());
        outbox.written(DownloadWindow.COLLECTION, claim);
        pendingHeads.merge(windowId, now.toEpochMilli(), Math::max);
        pendingTotals.merge(download.projectId().value() + "|" + (download.kind() == AssetKind.SHEET ? "sheets" : "materials"), 1L, Long::sum);
        return Outcome.COUNTED;
    }

    /** Writes the heads and per-project totals of the counts since the last flush, each collection in one bulk write. */
    @Scheduled(fixedDelayString = "${stemreach.downloads.stats-flush-interval:500ms}")
    @PreDestroy
    public void flush() {
        Map<String, Long> heads = drain(pendingHeads);
        Map<String, Long> totals = drain(pendingTotals);
        try {
            if (!heads.isEmpty()) {
                BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, HEADS);
                heads.forEach((windowId, countedAt) -> writes.upsert(new Query(Criteria.where("_id").is(windowId)),
                        new Update().max("countedAt", new Date(countedAt))));
                writes.execute();
            }
        } catch (RuntimeException e) {
            // Kept for the next flush; a head written twice is the same head.
            heads.forEach((windowId, countedAt) -> pendingHeads.merge(windowId, countedAt, Math::max));
            totals.forEach((key, added) -> pendingTotals.merge(key, added, Long::sum));
            throw e;
        }
        if (!totals.isEmpty()) {
            BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PROJECT_STATS);
            totals.forEach((key, added) -> {
                int bar = key.lastIndexOf('|');
                writes.upsert(new Query(Criteria.where("_id").is(key.substring(0, bar))),
                        new Update().inc(key.substring(bar + 1), added).inc("total", added));
            });
            // Not retried: part of a failed bulk write may have been applied, and a display total should not count twice.
            writes.execute();
        }
    }

    private static Map<String, Long> drain(Map<String, Long> pending) {
        Map<String, Long> drained = new java.util.HashMap<>();
        for (String key : pending.keySet()) {
            Long value = pending.remove(key);
            if (value != null) {
                drained.put(key, value);
            }
        }
        return drained;
    }

    /**
     * Claims the link after {@code last} in a chain without counting; returns NEVER once claimed, or the time of a link
     * someone else claimed within the window (a count, or a closing just made).
     */
    private long closeChain(String windowId, long last, Instant now) {
        long link = last;
        while (true) {
            try {
                mongo.insert(DownloadWindow.closing(windowId + "|" + link, now));
                return NEVER;
            } catch (DuplicateKeyException e) {
                DownloadWindow next = mongo.findById(windowId + "|" + link, DownloadWindow.class);
                if (next != null) {
                    link = next.countedAt().toEpochMilli();
                    if (within(link, now)) {
                        return link;
                    }
                }
            }
        }
    }

    private String windowId(ServedDownload download, LocalDate day) {
        return sha256(clientKeys.keyOf(download.ipAddress(), download.userAgent(), day) + "|" + download.projectId() + "|" + download.kind());
    }

    /**
     * The latest count of a chain, found by following its claims from the latest count this instance knows of: exact
     * even while another instance's head is not written yet (a read per count since that one).
     */
    private long lastCount(String windowId) {
        Long known = knownCounts.getIfPresent(windowId);
        long last = Math.max(known != null ? known : NEVER, Math.max(head(windowId), pendingHeads.getOrDefault(windowId, NEVER)));
        for (DownloadWindow next; (next = mongo.findById(windowId + "|" + last, DownloadWindow.class)) != null; ) {
            last = next.countedAt().toEpochMilli();
        }
        return last;
    }

    private boolean within(long countedAt, Instant now) {
        return now.toEpochMilli() - countedAt < window.toMillis();
    }

    /** When this client's download of this file last counted (epoch millis), or {@link #NEVER}. */
    private long head(String windowId) {
        org.bson.Document head = mongo.findById(windowId, org.bson.Document.class, HEADS);
        return head == null ? NEVER : head.getDate("countedAt").getTime();
    }

    /** Forgets windows that have lapsed long ago and have no pending events (no TTL index: events must not expire). */
    @Scheduled(fixedDelayString = "${stemreach.downloads.window-cleanup-interval:10m}")
    public void forgetOldWindows() {
        Instant cutoff = outbox.clock().instant().minus(window.plus(Duration.ofHours(1)));
        mongo.remove(new Query(new Criteria().andOperator(
                Criteria.where("countedAt").lt(cutoff),
                Criteria.where(HasOutbox.FIELD + ".0").exists(false))), DownloadWindow.class);
        mongo.remove(new Query(Criteria.where("countedAt").lt(cutoff)), HEADS);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
