package org.stemreach.registrations.activity;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Projections;
import org.stemreach.model.registrations.Location;
import org.stemreach.model.registrations.SessionSlot;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Reads activities for lists (without their registrations): the teachers' catalogue and the operations overview. */
@Service
public class ActivityFinder {

    public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

    private final MongoTemplate mongo;
    private final Clock clock;

    public ActivityFinder(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What a teacher can filter on; every field optional. */
    public record Filter(String network, String type, String region, String location, YearMonth month, Boolean online) {
    }

    public record ActivitySummary(String id, String network, String partner, String location, String city, String region,
                                  boolean online, String title, String description, String type, String category,
                                  List<String> targetGroups, List<SessionSlot> sessions, String capacityMode, int capacity,
                                  long placesTaken, long freePlaces, long waiting, boolean open, Instant opensAt, Instant closesAt,
                                  String status, Integer headcount, boolean headcountApproximate) {
    }

    /** Published activities that have not ended yet, soonest first. */
    public List<ActivitySummary> open(Filter filter) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        Instant now = clock.instant();
        return lightweight(Criteria.where("status").is(ActivityStatus.PUBLISHED.name())).stream()
                .filter(a -> a.sessions().stream().anyMatch(s -> !s.date().isBefore(today)))
                .filter(a -> matches(a, filter))
                .sorted(Comparator.comparing(Activity::firstSessionDate))
                .map(a -> summary(a, now))
                .toList();
    }

    /** Every activity of these networks, newest first (null: all networks). */
    public List<ActivitySummary> ofNetworks(Collection<String> networks) {
        Criteria criteria = networks == null ? new Criteria() : Criteria.where("network").in(networks);
        Instant now = clock.instant();
        return lightweight(criteria).stream()
                .sorted(Comparator.comparing(Activity::firstSessionDate, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(a -> summary(a, now))
                .toList();
    }

    /**
     * The partners and locations the activities of these networks name (null: all networks), for the planning page: its
     * lists to choose from, and the ids of names known again ({@link #placeKey}), so that a partner keeps one id.
     */
    public record KnownPlaces(Map<String, String> partners, Map<String, Location> locations, List<String> partnerNames,
                              List<Location> locationList) {
    }

    public KnownPlaces knownPlaces(Collection<String> networks) {
        Map<String, String> partners = new java.util.TreeMap<>();
        Map<String, Location> locations = new java.util.TreeMap<>();
        Map<String, String> partnerNames = new java.util.TreeMap<>();
        Criteria criteria = networks == null ? new Criteria() : Criteria.where("network").in(networks);
        // The first planned activity that names a place decides its id (one name under two ids, e.g. an import's and a
        // plan's, always resolves the same way).
        List<Activity> planned = lightweight(criteria).stream()
                .sorted(Comparator.comparing(Activity::createdAt, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Activity::id))
                .toList();
        for (Activity activity : planned) {
            String partnerKey = placeKey(activity.partner().name());
            partners.putIfAbsent(partnerKey, activity.partner().id());
            partnerNames.putIfAbsent(partnerKey, activity.partner().name());
            if (activity.location() != null) {
                locations.putIfAbsent(placeKey(activity.location().name()), activity.location());
            }
        }
        return new KnownPlaces(partners, locations, List.copyOf(partnerNames.values()), List.copyOf(locations.values()));
    }

    /** The networks that have activities (an administrator's choice on the planning page). */
    public java.util.SortedSet<String> networks() {
        return new java.util.TreeSet<>(mongo.findDistinct(new Query(), "network", Activity.class, String.class));
    }

    /** How a partner's or location's name is known again: the same letters, whatever their case, accents or spacing. */
    public static String placeKey(String name) {
        return java.text.Normalizer.normalize(name.strip(), java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private List<Activity> lightweight(Criteria criteria) {
        return mongo.find(Projections.allBut(mongo, new Query(criteria), Activity.class, "entries", HasOutbox.FIELD), Activity.class);
    }

    private static boolean matches(Activity activity, Filter filter) {
        Location location = activity.location();
        return (blank(filter.network()) || filter.network().equals(activity.networkId().value()))
                && (blank(filter.type()) || filter.type().equals(activity.type()))
                && (blank(filter.region()) || (location != null && filter.region().equalsIgnoreCase(location.region())))
                && (blank(filter.location()) || (location != null && (filter.location().equals(location.id())
                || location.name().toLowerCase(Locale.ROOT).contains(filter.location().toLowerCase(Locale.ROOT))
                || (location.city() != null && location.city().equalsIgnoreCase(filter.location())))))
                && (filter.month() == null || activity.sessions().stream().anyMatch(s -> YearMonth.from(s.date()).equals(filter.month())))
                && (filter.online() == null || filter.online() == activity.online());
    }

    public static ActivitySummary summary(Activity a, Instant now) {
        Location location = a.location();
        return new ActivitySummary(a.id(), a.networkId().value(), a.partner().name(),
                location == null ? null : location.name(), location == null ? null : location.city(),
                location == null ? null : location.region(), a.online(), a.title(), a.description(), a.type(), a.category().name(),
                a.targetGroups(), a.sessions(), a.capacity().mode().name(), a.capacity().limit(), a.placesTaken(),
                Math.max(0, a.capacity().limit() - a.placesTaken()), a.waiting(), a.isOpenFor(now), a.opensAt(), a.closesAt(),
                a.status().name(), a.headcount(), a.headcountApproximate());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
