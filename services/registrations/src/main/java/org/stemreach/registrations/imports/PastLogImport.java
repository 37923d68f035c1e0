package org.stemreach.registrations.imports;

import org.springframework.stereotype.Service;
import org.stemreach.model.NetworkId;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.registrations.Location;
import org.stemreach.model.registrations.Partner;
import org.stemreach.model.registrations.PreServiceProgramme;
import org.stemreach.model.registrations.SessionSlot;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityRuleException;
import org.stemreach.registrations.activity.Capacity;

import org.stemreach.registrations.activity.ActivityFinder;

import java.io.Reader;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports a past activity log: every row becomes a published activity with one session and a headcount,
 * published as ordinary events (activity scheduled, headcount recorded). Nothing is imported from a file with
 * errors; importing the same rows again creates nothing new.
 */
@Service
public class PastLogImport {

    private final Activities activities;
    private final Clock clock;

    public PastLogImport(Activities activities, Clock clock) {
        this.activities = activities;
        this.clock = clock;
    }

    public record Report(int created, int alreadyImported, List<PastLogParser.LineError> errors) {
    }

    /**
     * Checks every row first, and reports every problem of every row at once (by line): what the parser finds, a network
     * the caller may not import into ({@code allowed} says which), a row the activity rules refuse, and a row imported
     * before with another number of participants. Nothing is written from a file with any problem.
     */
    public Report importLog(Reader csv, java.util.function.Predicate<String> allowed) {
        return importLog(csv, allowed, network -> true);
    }

    /**
     * The same, a row of a network {@code knownOrNew} refuses reported too: an administrator's file naming a network no
     * activity has yet, not confirmed as new (a label typed wrong would start a network of its own).
     */
    public Report importLog(Reader csv, java.util.function.Predicate<String> allowed, java.util.function.Predicate<String> knownOrNew) {
        PastLogParser.Result parsed = PastLogParser.parse(csv, LocalDate.ofInstant(clock.instant(), ActivityFinder.ZONE));
        List<PastLogParser.LineError> errors = new ArrayList<>(parsed.errors());
        // Every row becomes its activity before any is written: a row the activity rules refuse (e.g. more participants
        // than an activity can have) is reported with its line like the parser's errors.
        List<Activity> planned = new ArrayList<>();
        for (PastLogParser.Row row : parsed.rows()) {
            if (!allowed.test(row.network())) {
                errors.add(new PastLogParser.LineError(row.line(), "you may not import activities of network " + row.network(),
                        "forbidden", List.of(row.network())));
                continue;
            }
            if (!knownOrNew.test(row.network())) {
                errors.add(new PastLogParser.LineError(row.line(), "network " + row.network() + " has no activities yet: check how it is "
                        + "spelled, or confirm it as a new network (newNetworks=" + row.network() + ")", "unknownNetwork", List.of(row.network())));
                continue;
            }
            try {
                Activity activity = Activity.plan("import-" + row.key(), plan(row), clock.instant());
                activity.markImported(row.key());
                activity.publish();
                activity.recordHeadcount(row.participants(), row.approximate(), clock.instant());
                Optional<Activity> before = activities.find(activity.id());
                if (before.isPresent() && (!Objects.equals(before.get().headcount(), row.participants())
                        || before.get().headcountApproximate() != row.approximate())) {
                    // Imported before, with another count (edited in the file, or on the activity's page since).
                    Integer counted = before.get().headcount();
                    errors.add(new PastLogParser.LineError(row.line(), "this row was imported before with " + counted
                            + " participants, not " + row.participants() + ": change the headcount on the activity's page",
                            "changed", List.of(counted == null ? "" : counted, row.participants())));
                    continue;
                }
                planned.add(activity);
            } catch (IllegalArgumentException | ActivityRuleException e) {
                // Not expected from a row the parser accepted (it checks what a row can get wrong); the reason as it is.
                errors.add(new PastLogParser.LineError(row.line(), e.getMessage(), "refused", List.of(String.valueOf(e.getMessage()))));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(PastLogParser.LineError::line));
            return new Report(0, 0, errors);
        }
        int created = 0;
        int written = 0;
        for (Activity activity : planned) {
            try {
                if (activities.createIfAbsent(activity)) {
                    created++;
                }
                written++;
            } catch (org.springframework.dao.DataAccessException e) {
                // The database failed halfway (each activity is written alone, with its events): say how far it came. The
                // same file again finishes it, creating none twice (each row's activity id comes from the row).
                throw new org.stemreach.kit.web.ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Import interrupted",
                        "the database failed after " + written + " of " + planned.size() + " activities of this file were written ("
                                + created + " new); import the same file again to finish: nothing is imported twice",
                        java.util.Map.of("written", written, "total", planned.size()));
            }
        }
        return new Report(created, parsed.rows().size() - created, List.of());
    }

    private static Activity.Plan plan(PastLogParser.Row row) {
        boolean team = ActivityTypes.isSchoolTeamType(row.type());
        // The capacity only has to hold the record (nobody registers for it); a basic trajectory's rule still applies.
        boolean basic = ActivityTypes.BASIC_TRAJECTORY.equals(row.type());
        Capacity capacity = team ? Capacity.schools(Math.max(1, row.participants()), basic ? 2 : 1, Math.max(2, row.participants()),
                basic ? Capacity.Composition.LOWER_AND_UPPER_GRADES : Capacity.Composition.NONE)
                : Capacity.seats(Math.max(1, row.participants()));
        Location location = row.online() ? null : new Location(slug(row.location()), row.location(), null, null);
        PreServiceProgramme programme = row.category() == org.stemreach.model.activity.ActivityCategory.PRE_SERVICE
                ? new PreServiceProgramme(row.partner(), levelOf(row.title(), row.targetGroup())) : null;
        return new Activity.Plan(NetworkId.of(row.network()), new Partner(slug(row.partner()), row.partner()), location, row.online(),
                row.title(), null, row.type(), row.category(), row.targetGroup().isBlank() ? List.of() : List.of(row.targetGroup()),
                List.of(new SessionSlot("s1", row.date(), null, null)), programme, capacity, null,
                // A record of the past: teachers cannot register for it.
                row.date().atStartOfDay(java.time.ZoneId.of("Europe/Brussels")).toInstant());
    }

    /**
     * The level of an imported pre-service session's programme: the log has no column for it, so a title or target group
     * that names a master ("educatieve master", "masteropleiding", "Master of Teaching"; a masterclass is none) makes it
     * MASTER; anything else is a bachelor, as most
     * teacher training in the log is.
     */
    static String levelOf(String title, String targetGroup) {
        return MASTER.matcher(title).find() || MASTER.matcher(targetGroup).find() ? "MASTER" : "BACHELOR";
    }

    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile("\\bmaster(?!class)",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "x" : slug.length() > 80 ? slug.substring(0, 80) : slug;
    }
}
