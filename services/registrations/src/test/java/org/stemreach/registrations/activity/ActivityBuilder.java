package org.stemreach.registrations.activity;

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
import java.util.ArrayList;
import java.util.List;

/** Test data: a plausible activity, changed only where a test says so. */
public final class ActivityBuilder {

    private String network = "ISTEM";
    private String type = ActivityTypes.WORKSHOP;
    private ActivityCategory category = ActivityCategory.TRAINING;
    private Capacity capacity = Capacity.seats(20);
    private List<SessionSlot> sessions = new ArrayList<>(List.of(
            new SessionSlot("s1", LocalDate.of(2026, 3, 11), LocalTime.of(20, 0), LocalTime.of(21, 30))));
    private Instant opensAt;
    private Instant closesAt;
    private boolean online;
    private String title = "Programmeren met micro:bits";
    private PreServiceProgramme programme;
    private boolean published = true;

    public static ActivityBuilder workshop() {
        return new ActivityBuilder();
    }

    public static ActivityBuilder basicTrajectory(int schools) {
        return new ActivityBuilder().type(ActivityTypes.BASIC_TRAJECTORY, ActivityCategory.COACHING)
                .capacity(Capacity.schools(schools, 2, 6, Capacity.Composition.LOWER_AND_UPPER_GRADES)).network("STEMBASIS");
    }

    public ActivityBuilder network(String value) {
        network = value;
        return this;
    }

    public ActivityBuilder type(String value, ActivityCategory categoryOfType) {
        type = value;
        category = categoryOfType;
        return this;
    }

    public ActivityBuilder capacity(Capacity value) {
        capacity = value;
        return this;
    }

    public ActivityBuilder seats(int value) {
        return capacity(Capacity.seats(value));
    }

    public ActivityBuilder window(Instant opens, Instant closes) {
        opensAt = opens;
        closesAt = closes;
        return this;
    }

    public ActivityBuilder sessions(SessionSlot... slots) {
        sessions = new ArrayList<>(List.of(slots));
        return this;
    }

    public ActivityBuilder online() {
        online = true;
        return this;
    }

    public ActivityBuilder title(String value) {
        title = value;
        return this;
    }

    public ActivityBuilder programme(String name, String level) {
        programme = new PreServiceProgramme(name, level);
        return this;
    }

    /** Planned but not published. */
    public ActivityBuilder draft() {
        published = false;
        return this;
    }

    public Activity.Plan plan() {
        return new Activity.Plan(NetworkId.of(network), new Partner("kuleuven", "KU Leuven"),
                online ? null : new Location("kulak", "Campus Kulak", "Kortrijk", "West-Vlaanderen"), online, title, null,
                type, category, List.of("secundair 2e graad"), sessions, programme, capacity, opensAt, closesAt);
    }

    /** Planned and published, unless {@link #draft()}. */
    public Activity build() {
        Activity activity = Activity.plan(plan(), Instant.parse("2026-01-01T08:00:00Z"));
        if (published) {
            activity.publish();
        }
        activity.drainFacts();
        return activity;
    }
}
