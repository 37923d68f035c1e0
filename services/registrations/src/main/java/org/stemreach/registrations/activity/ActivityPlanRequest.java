package org.stemreach.registrations.activity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.stemreach.model.NetworkId;
import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.registrations.Location;
import org.stemreach.model.registrations.Partner;
import org.stemreach.model.registrations.PreServiceProgramme;
import org.stemreach.model.registrations.SessionSlot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/** An activity as the operations team plans it (JSON body of the ops API). */
public record ActivityPlanRequest(
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_-]{1,31}") String network,
        // An administrator's confirmation that a network no activity has yet is meant as a new network (OpsAccess).
        Boolean newNetwork,
        @NotNull @Valid Place partner,
        @Valid Place location,
        Boolean online,
        @NotBlank @Size(max = 300) String title,
        @Size(max = 5000) String description,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,63}") String type,
        ActivityCategory category,
        @Size(max = 20) List<@NotBlank @Size(max = 60) String> targetGroups,
        @NotEmpty @Size(max = 60) List<@NotNull @Valid Session> sessions,
        @Valid Programme programme,
        @NotNull @Min(1) @Max(100000) Integer capacity,
        Capacity.Mode capacityMode,
        @Min(1) @Max(50) Integer minTeachersPerSchool,
        @Min(1) @Max(50) Integer maxTeachersPerSchool,
        Capacity.Composition composition,
        Instant opensAt,
        Instant closesAt,
        Boolean publish) {

    public record Place(@NotBlank @Size(max = 80) @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,79}") String id,
                        @NotBlank @Size(max = 200) String name,
                        @Size(max = 100) String city,
                        @Size(max = 100) String region) {
    }

    public record Session(@Size(max = 40) String id, @NotNull LocalDate date, LocalTime start, LocalTime end) {
    }

    public record Programme(@NotBlank @Size(max = 200) String name, @NotNull @Pattern(regexp = "BACHELOR|MASTER") String level) {
    }

    /** Years an activity can be in: events carry dates with four-digit years. */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 9999;

    public Activity.Plan toPlan() {
        for (Session session : sessions) {
            requireYear(session.date().getYear(), "session date " + session.date());
        }
        for (Instant moment : java.util.Arrays.asList(opensAt, closesAt)) {
            if (moment != null) {
                requireYear(moment.atZone(java.time.ZoneOffset.UTC).getYear(), "registration window " + moment);
            }
        }
        ActivityCategory resolved = category != null ? category : ActivityTypes.defaultCategoryOf(type).orElseThrow(() ->
                new ActivityRuleException(ActivityRuleException.Rule.INVALID_ACTIVITY, "type " + type
                        + " is not a default type: give its category (TRAINING, COACHING, DISSEMINATION or PRE_SERVICE)"));
        boolean team = ActivityTypes.isSchoolTeamType(type);
        Capacity.Mode mode = capacityMode != null ? capacityMode : team ? Capacity.Mode.SCHOOLS : Capacity.Mode.SEATS;
        Capacity.Composition rule = composition != null ? composition
                : ActivityTypes.BASIC_TRAJECTORY.equals(type) ? Capacity.Composition.LOWER_AND_UPPER_GRADES : Capacity.Composition.NONE;
        int min = minTeachersPerSchool != null ? minTeachersPerSchool : ActivityTypes.BASIC_TRAJECTORY.equals(type) ? 2 : 1;
        Capacity capacityRule = new Capacity(mode, capacity, min, maxTeachersPerSchool != null ? maxTeachersPerSchool : Math.max(min, 12), rule);
        // Sessions without an id get one from the activity (Activity#withSessionIds): on a change, the id of the session
        // they replace, so that attendance stays with its session.
        List<SessionSlot> slots = sessions.stream().map(s -> new SessionSlot(s.id() == null || s.id().isBlank() ? null : s.id(),
                s.date(), s.start(), s.end())).toList();
        return new Activity.Plan(NetworkId.of(network), new Partner(partner.id(), partner.name()),
                location == null ? null : new Location(location.id(), location.name(), location.city(), location.region()),
                Boolean.TRUE.equals(online), title, description, type.toUpperCase(Locale.ROOT), resolved, targetGroups, slots,
                programme == null ? null : new PreServiceProgramme(programme.name(), programme.level()),
                capacityRule, opensAt, closesAt);
    }

    private static void requireYear(int year, String what) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new ActivityRuleException(ActivityRuleException.Rule.INVALID_ACTIVITY,
                    what + " is out of range (years " + FIRST_YEAR + " to " + LAST_YEAR + ")");
        }
    }
}
