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

import java.io.Reader;
import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

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

    /** Checks the rows first; {@code allowed} says which networks the caller may import into. */
    public Report importLog(Reader csv, java.util.function.Predicate<String> allowed) {
        PastLogParser.Result parsed = PastLogParser.parse(csv);
        if (!parsed.valid()) {
            return new Report(0, 0, parsed.errors());
        }
        List<PastLogParser.LineError> forbidden = parsed.rows().stream().filter(row -> !allowed.test(row.network()))
                .map(row -> new PastLogParser.LineError(row.line(), "you may not import activities of network " + row.network(),
                        "forbidden", List.of(row.network())))
                .toList();
        if (!forbidden.isEmpty()) {
            return new Report(0, 0, forbidden);
        }
        // Every row becomes its activity before any is written: a row the activity rules refuse (e.g. more participants
        // than an activity can have) is reported with its line like the parser's errors, and nothing is imported.
        List<Activity> planned = new java.util.ArrayList<>();
        List<PastLogParser.LineError> refused = new java.util.ArrayList<>();
        for (PastLogParser.Row row : parsed.rows()) {
            try {
                Activity activity = Activity.plan("import-" + row.key(), plan(row), clock.instant());
                activity.markImported(row.key());
                activity.publish();
                activity.recordHeadcount(row.participants(), row.approximate());
                planned.add(activity);
            } catch (IllegalArgumentException | ActivityRuleException e) {
                refused.add(new PastLogParser.LineError(row.line(), e.getMessage(), "refused", List.of(String.valueOf(e.getMessage()))));
            }
        }
        if (!refused.isEmpty()) {
            return new Report(0, 0, refused);
        }
        int created = 0;
        for (Activity activity : planned) {
            if (activities.createIfAbsent(activity)) {
                created++;
            }
        }
        return new Report(created, parsed.rows().size() - created, List.of());
    }

    private static Activity.Plan plan(PastLogParser.Row row) {
        boolean team = ActivityTypes.isSchoolTeamType(row.type());
        Capacity capacity = team ? Capacity.schools(Math.max(1, row.participants()), 1, Math.max(1, row.participants()), Capacity.Composition.NONE)
                : Capacity.seats(Math.max(1, row.participants()));
        Location location = row.online() ? null : new Location(slug(row.location()), row.location(), null, null);
        PreServiceProgramme programme = row.category() == org.stemreach.model.activity.ActivityCategory.PRE_SERVICE
                ? new PreServiceProgramme(row.partner(), "BACHELOR") : null;
        return new Activity.Plan(NetworkId.of(row.network()), new Partner(slug(row.partner()), row.partner()), location, row.online(),
                row.title(), null, row.type(), row.category(), row.targetGroup().isBlank() ? List.of() : List.of(row.targetGroup()),
                List.of(new SessionSlot("s1", row.date(), null, null)), programme, capacity, null,
                // A record of the past: teachers cannot register for it.
                row.date().atStartOfDay(java.time.ZoneId.of("Europe/Brussels")).toInstant());
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "x" : slug.length() > 80 ? slug.substring(0, 80) : slug;
    }
}
