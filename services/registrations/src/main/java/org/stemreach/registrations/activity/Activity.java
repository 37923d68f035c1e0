package org.stemreach.registrations.activity;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.OutboxEvent;
import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;
import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.registrations.ActivityDetails;
import org.stemreach.model.registrations.Location;
import org.stemreach.model.registrations.Partner;
import org.stemreach.model.registrations.PreServiceProgramme;
import org.stemreach.model.registrations.SessionSlot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A professionalisation activity and everything about taking part in it: its registrations (seats or
 * school places, the waiting list in first-come-first-served order), attendance per session and the
 * anonymous headcount. All rules of shared/domain.md for registrations are here, in plain Java; every change
 * records {@link ActivityFact}s, which the application service writes as outbox events in the same document.
 */
@Document("activities")
public class Activity implements HasOutbox {

    @Id
    private String id;
    @Version
    private Long version;
    @org.springframework.data.mongodb.core.index.Indexed
    private String network;
    private Partner partner;
    private Location location;
    private boolean online;
    private String title;
    private String description;
    private String type;
    private ActivityCategory category;
    private List<String> targetGroups = new ArrayList<>();
    private List<SessionSlot> sessions = new ArrayList<>();
    private PreServiceProgramme programme;
    private Capacity capacity;
    private Instant opensAt;
    private Instant closesAt;
    private ActivityStatus status = ActivityStatus.DRAFT;
    private Integer headcount;
    private boolean headcountApproximate;
    private String importKey;
    private long revision;
    private Instant createdAt;
    private List<Entry> entries = new ArrayList<>();
    /** Kept with every change, so lists can be read without the registrations. */
    private long placesTaken;
    private long waiting;
    private List<OutboxEvent> outbox = new ArrayList<>();
    @Transient
    private List<ActivityFact> facts = new ArrayList<>();
    /** Changed in a way no event describes (a draft edited or cancelled): still to be written. */
    @Transient
    private boolean changedWithoutFacts;

    protected Activity() {
    }

    /** What an activity is; validated as a whole whenever it is set. */
    public record Plan(NetworkId network, Partner partner, Location location, boolean online, String title, String description,
                       String type, ActivityCategory category, List<String> targetGroups, List<SessionSlot> sessions,
                       PreServiceProgramme programme, Capacity capacity, Instant opensAt, Instant closesAt) {
    }

    public static Activity plan(Plan plan, Instant now) {
        return plan(UUID.randomUUID().toString(), plan, now);
    }

    /** With a given id, e.g. one derived from an imported row so that importing it twice finds it again. */
    public static Activity plan(String id, Plan plan, Instant now) {
        Activity activity = new Activity();
        activity.id = id;
        activity.createdAt = now;
        activity.apply(plan);
        return activity;
    }

    /**
     * The plan's sessions, those without an id given one: the id of this activity's session on the same date and start
     * (a changed plan sent without ids keeps attendance with its session), else a new one ({@code s1}, {@code s2}, ...).
     */
    private List<SessionSlot> withSessionIds(List<SessionSlot> given) {
        if (given == null) {
            return null;
        }
        Set<String> taken = new HashSet<>();
        int next = 1;
        for (SessionSlot slot : concat(sessions, given)) {
            if (slot.id() != null) {
                taken.add(slot.id());
                if (slot.id().matches("s\\d{1,6}")) {
                    next = Math.max(next, Integer.parseInt(slot.id().substring(1)) + 1);
                }
            }
        }
        List<SessionSlot> result = new ArrayList<>();
        Set<String> assigned = new HashSet<>();
        for (SessionSlot slot : given) {
            String id = slot.id();
            if (id == null || id.isBlank()) {
                id = sessions.stream().filter(current -> current.date().equals(slot.date()) && Objects.equals(current.start(), slot.start()))
                        .map(SessionSlot::id).filter(candidate -> !assigned.contains(candidate)
                                && given.stream().noneMatch(other -> candidate.equals(other.id())))
                        .findFirst().orElse(null);
                if (id == null) {
                    while (taken.contains("s" + next)) {
                        next++;
                    }
                    id = "s" + next;
                    taken.add(id);
                }
            }
            assigned.add(id);
            result.add(new SessionSlot(id, slot.date(), slot.start(), slot.end()));
        }
        return result;
    }

    private static List<SessionSlot> concat(List<SessionSlot> a, List<SessionSlot> b) {
        List<SessionSlot> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---------------------------------------------------------------- planning

    public void publish() {
        requireNotCancelled();
        if (status == ActivityStatus.PUBLISHED) {
            return;
        }
        status = ActivityStatus.PUBLISHED;
        revision++;
        facts.add(new ActivityFact.Scheduled());
    }

    public void change(Plan plan, Instant now) {
        requireNotCancelled();
        if (plan.capacity().mode() != capacity.mode() && entries.stream().anyMatch(Entry::isActive)) {
            throw new ActivityRuleException(ActivityRuleException.Rule.INVALID_ACTIVITY,
                    "registrations exist: the capacity cannot switch between seats and schools");
        }
        if (plan.capacity().limit() < confirmedCount()) {
            throw new ActivityRuleException(ActivityRuleException.Rule.CAPACITY_BELOW_CONFIRMED, "the capacity cannot be "
                    + plan.capacity().limit() + ": " + confirmedCount() + " registrations hold a place (cancel some first)");
        }
        requireAttendedSessionsKept(plan, now);
        if (plan.capacity() != null && plan.capacity().forSchools()) {
            // The school teams that hold or wait for a place must fit the new rules (a waiting one could be promoted).
            for (Entry entry : entries) {
                if (entry.isActive() && entry.isTeam()) {
                    checkTeam(plan.capacity(), entry.participants(), "a registered school team would break the new rules: ");
                }
            }
        }
        List<Object> planned = planState();
        Set<String> before = new HashSet<>();
        sessions.forEach(session -> before.add(session.id()));
        apply(plan);
        if (planState().equals(planned)) {
            return; // the same plan again (a retried request): no new revision, no event
        }
        sessions.forEach(session -> before.remove(session.id()));
        // Only no-shows can be left on a dropped session: they go with it, so a session added later starts without them.
        before.forEach(dropped -> entries.forEach(entry -> entry.forgetMisses(dropped)));
        if (status == ActivityStatus.PUBLISHED) {
            revision++;
            facts.add(new ActivityFact.Changed());
            if (!lastSessionHasBegun(now)) {
                // a place that a change frees (more capacity) goes to the first waiting, while any session is still ahead
                promoteWhilePlacesAreFree(now);
            }
        } else {
            changedWithoutFacts = true;
        }
    }

    /**
     * A session with attendance cannot be dropped from the plan: its attendance would be counted for a session that no
     * longer exists (the other services were told of it), and a session added later could take its id and its attendance.
     * Nor can it move to a day still to come: attendance is of sessions held ({@link #recordAttendance}).
     */
    private void requireAttendedSessionsKept(Plan plan, Instant now) {
        if (plan.sessions() == null) {
            return; // refused by the plan's own checks
        }
        Map<String, SessionSlot> kept = new HashMap<>();
        withSessionIds(plan.sessions()).forEach(slot -> kept.put(slot.id(), slot));
        LocalDate today = LocalDate.ofInstant(now, ActivityFinder.ZONE);
        for (SessionSlot session : sessions) {
            if (entries.stream().flatMap(entry -> entry.participants().stream())
                    .noneMatch(participant -> participant.attended().contains(session.id()))) {
                continue;
            }
            SessionSlot planned = kept.get(session.id());
            if (planned == null) {
                throw new ActivityRuleException(ActivityRuleException.Rule.SESSION_HAS_ATTENDANCE, "the session of " + session.date()
                        + " has attendance recorded: mark those teachers absent before removing it");
            }
            if (planned.date().isAfter(today)) {
                throw new ActivityRuleException(ActivityRuleException.Rule.SESSION_HAS_ATTENDANCE, "the session of " + session.date()
                        + " has attendance recorded: it took place, and cannot move to " + planned.date());
            }
        }
    }

    /**
     * Cancels the activity: its registrations end with it. Not once participation was recorded (an attendee, a headcount):
     * it took place, and a cancelled activity counts nobody; the sessions still to come can be dropped from its plan
     * instead.
     */
    public void cancelActivity(Instant now) {
        if (status == ActivityStatus.CANCELLED) {
            return;
        }
        if (participationRecorded()) {
            throw new ActivityRuleException(ActivityRuleException.Rule.PARTICIPATION_RECORDED,
                    "participation was recorded: the activity took place and cannot be cancelled; drop the sessions still to come instead");
        }
        boolean wasPublished = status == ActivityStatus.PUBLISHED;
        status = ActivityStatus.CANCELLED;
        revision++;
        if (wasPublished) {
            facts.add(new ActivityFact.Cancelled());
        } else {
            changedWithoutFacts = true;
        }
    }

    /** Whether someone of the registration was checked in for a session: its place is taken for good. */
    private static boolean attended(Entry entry) {
        return entry.participants().stream().anyMatch(p -> !p.attended().isEmpty());
    }

    private boolean participationRecorded() {
        return (headcount != null && headcount > 0)
                || entries.stream().anyMatch(Activity::attended);
    }

    /** Everything a plan sets, as stored, to tell whether a change changed anything. */
    private List<Object> planState() {
        return java.util.Arrays.asList(network, partner, location, online, title, description, type, category,
                targetGroups == null ? null : new ArrayList<>(targetGroups), sessions == null ? null : new ArrayList<>(sessions),
                programme, capacity, opensAt, closesAt);
    }

    private void apply(Plan given) {
        Plan plan = new Plan(given.network(), given.partner(), given.location(), given.online(), given.title(), given.description(),
                given.type(), given.category(), given.targetGroups(), withSessionIds(given.sessions()), given.programme(),
                given.capacity(), given.opensAt(), given.closesAt());
        ActivityCategory expected = ActivityTypes.defaultCategoryOf(plan.type()).orElse(plan.category());
        if (plan.network() == null || plan.partner() == null || blank(plan.partner().id()) || blank(plan.partner().name())) {
            throw invalid("network and partner (id and name) are required");
        }
        if (blank(plan.title())) {
            throw invalid("a title is required");
        }
        if (blank(plan.type()) || !plan.type().matches("[A-Z][A-Z0-9_]{1,63}")) {
            throw invalid("type is an upper-case name such as WORKSHOP");
        }
        if (plan.category() == null || expected != plan.category()) {
            throw invalid("type " + plan.type() + " belongs to category " + expected + ", not " + plan.category());
        }
        if (!plan.online() && (plan.location() == null || blank(plan.location().id()))) {
            throw invalid("an activity takes place at a location, or online");
        }
        if (plan.sessions() == null || plan.sessions().isEmpty()) {
            throw invalid("an activity has at least one session");
        }
        Set<String> sessionIds = new HashSet<>();
        for (SessionSlot session : plan.sessions()) {
            if (session.date() == null || blank(session.id()) || !sessionIds.add(session.id())) {
                throw invalid("every session needs a date and its own id");
            }
            if (session.start() != null && session.end() != null && !session.end().isAfter(session.start())) {
                throw invalid("session " + session.id() + " ends before it starts");
            }
        }
        if (plan.capacity() == null) {
            throw invalid("capacity is required");
        }
        // Checked when planned, not in Capacity itself: activities stored before this rule must still be read.
        if (plan.capacity().composition() == Capacity.Composition.LOWER_AND_UPPER_GRADES && plan.capacity().maxTeachersPerSchool() < 2) {
            throw invalid("a team with a teacher of the lower and one of the upper grades has at least 2 teachers: at most "
                    + plan.capacity().maxTeachersPerSchool() + " per school would refuse every team");
        }
        if (ActivityTypes.isSchoolTeamType(plan.type()) != plan.capacity().forSchools()) {
            throw invalid(plan.type() + (plan.capacity().forSchools() ? " registers individual teachers, not schools"
                    : " registers schools with their teachers: capacity counts schools"));
        }
        if (ActivityTypes.BASIC_TRAJECTORY.equals(plan.type()) && (plan.capacity().composition() != Capacity.Composition.LOWER_AND_UPPER_GRADES
                || plan.capacity().minTeachersPerSchool() < 2)) {
            throw invalid("a basic trajectory's school sends a teacher of the lower grades and one of the upper grades: composition "
                    + "LOWER_AND_UPPER_GRADES with at least 2 teachers per school");
        }
        if (plan.opensAt() != null && plan.closesAt() != null && !plan.closesAt().isAfter(plan.opensAt())) {
            throw invalid("registration closes before it opens");
        }
        if (plan.category() == ActivityCategory.PRE_SERVICE && plan.programme() == null) {
            throw invalid("a pre-service session belongs to a programme (name and level BACHELOR or MASTER)");
        }
        network = plan.network().value();
        partner = plan.partner();
        location = plan.online() && plan.location() == null ? null : plan.location();
        online = plan.online();
        title = plan.title().strip();
        description = plan.description();
        type = plan.type();
        category = plan.category();
        targetGroups = new ArrayList<>(plan.targetGroups() == null ? List.of() : plan.targetGroups());
        sessions = new ArrayList<>(plan.sessions());
        sessions.sort(Comparator.comparing(SessionSlot::date).thenComparing(s -> s.start() == null ? java.time.LocalTime.MIN : s.start()));
        programme = plan.programme();
        capacity = plan.capacity();
        opensAt = plan.opensAt();
        closesAt = plan.closesAt();
    }

    // ---------------------------------------------------------------- registrations

    /** Someone who registers: one teacher, or a school with its teachers. */
    public record Registrant(String schoolId, List<Participant> participants) {

        public static Registrant teacher(String teacherId, Grade grade) {
            return teacher(teacherId, grade, null);
        }

        /** A teacher alone, with the school they named (an opaque id, or {@code null}): not a school team. */
        public static Registrant teacher(String teacherId, Grade grade, String schoolId) {
            return new Registrant(null, List.of(new Participant(teacherId, grade, schoolId)));
        }

        public static Registrant team(String schoolId, List<Participant> teachers) {
            return new Registrant(schoolId, teachers);
        }

        boolean isTeam() {
            return schoolId != null;
        }
    }

    /**
     * Registers, or returns the existing registration of the same teacher (or school): a place if one is
     * free, else the waiting list. Capacity is never exceeded.
     */
    public Entry register(Registrant registrant, Instant now) {
        requireOpenFor(now);
        Optional<Entry> existing = existingEntry(registrant);
        if (existing.isPresent()) {
            return existing.get();
        }
        checkComposition(registrant);
        // A team's teachers one by one (a teacher alone was found as the existing registration above).
        if (registrant.isTeam()) {
            checkNotRegistered(registrant.participants().stream().map(Participant::teacherId).toList());
        }
        boolean placeFree = confirmedCount() < capacity.limit();
        Entry entry = new Entry(UUID.randomUUID().toString(), registrant.schoolId(), registrant.participants(),
                placeFree ? EntryStatus.CONFIRMED : EntryStatus.WAITLISTED, now);
        entries.add(entry);
        facts.add(placeFree ? new ActivityFact.Confirmed(entry) : new ActivityFact.Waitlisted(entry, waitlistPosition(entry)));
        return entry;
    }

    /**
     * Refuses what {@link #register} refuses whoever registers (not open, a team that does not fit), so that a
     * refused registration stores nobody's details; the registrant's ids may be provisional (e.g. e-mail addresses).
     */
    public void checkRegistrable(Registrant registrant, Instant now) {
        requireOpenFor(now);
        checkComposition(registrant);
    }

    /**
     * Whether the activity has begun: its first session's start (its day, without a start time) has come, in the
     * networks' time zone.
     */
    public boolean hasBegun(Instant now) {
        return !sessions.isEmpty() && started(sessions.get(0), now);
    }

    /** Whether its last session has begun: nobody waiting can still come to any of it. */
    public boolean lastSessionHasBegun(Instant now) {
        return !sessions.isEmpty() && started(sessions.get(sessions.size() - 1), now);
    }

    private static boolean started(SessionSlot session, Instant now) {
        java.time.LocalDateTime start = session.date().atTime(session.start() == null ? java.time.LocalTime.MIN : session.start());
        return !now.isBefore(start.atZone(ActivityFinder.ZONE).toInstant());
    }

    /**
     * A teacher cancels their own registration: not for an activity that was cancelled (nothing to give up) or, holding a
     * place, has begun (their attendance may be recorded) or that they were checked in for already (early arrivals are,
     * before the start: their place counts); the network's team can. One waiting can leave the list.
     */
    public Entry cancelOwnRegistration(String entryId, Instant now) {
        requireNotCancelled();
        boolean waiting = entry(entryId).map(e -> e.status() == EntryStatus.WAITLISTED).orElse(false);
        if ((hasBegun(now) || entry(entryId).map(Activity::attended).orElse(false)) && !waiting) {
            throw new ActivityRuleException(ActivityRuleException.Rule.ACTIVITY_BEGUN,
                    "the activity has begun, or you were checked in already: a registration can no longer be cancelled here; "
                            + "please contact the network");
        }
        return cancelRegistration(entryId, now);
    }

    /** Whether the teacher may cancel this registration of theirs now ({@link #cancelOwnRegistration} would accept it). */
    public boolean mayCancelOwn(Entry entry, Instant now) {
        return entry.isActive() && !entry.isTeam() && status != ActivityStatus.CANCELLED
                && (entry.status() == EntryStatus.WAITLISTED || !hasBegun(now) && !attended(entry));
    }

    /**
     * Cancels a registration; a freed place goes to the first on the waiting list, unless the last session has begun
     * (a place freed then is one nobody can still take; before, the one promoted comes to the sessions still ahead).
     */
    public Entry cancelRegistration(String entryId, Instant now) {
        Entry entry = entry(entryId).orElseThrow(() -> new ActivityRuleException(ActivityRuleException.Rule.UNKNOWN_REGISTRATION,
                "no registration " + entryId + " for this activity"));
        if (!entry.isActive()) {
            return entry;
        }
        boolean heldPlace = entry.status() == EntryStatus.CONFIRMED;
        entry.cancel(now);
        facts.add(new ActivityFact.RegistrationCancelled(entry));
        if (heldPlace && status == ActivityStatus.PUBLISHED && !lastSessionHasBegun(now)) {
            promoteWhilePlacesAreFree(now);
        }
        return entry;
    }

    /**
     * The network's team cancels a registration: not in an activity that was cancelled (its registrations ended with it,
     * and their teachers were told once).
     */
    public Entry cancelRegistrationForTheNetwork(String entryId, Instant now) {
        requireNotCancelled();
        return cancelRegistration(entryId, now);
    }

    private void promoteWhilePlacesAreFree(Instant now) {
        while (confirmedCount() < capacity.limit()) {
            Optional<Entry> first = entries.stream().filter(e -> e.status() == EntryStatus.WAITLISTED).findFirst();
            if (first.isEmpty()) {
                return;
            }
            first.get().promote(now);
            facts.add(new ActivityFact.Promoted(first.get()));
        }
    }

    /** Refuses a team with a teacher who holds or waits for a place already (alone or with another school). */
    public void checkNotRegistered(java.util.Collection<String> teacherIds) {
        for (String teacherId : teacherIds) {
            if (entries.stream().filter(Entry::isActive).anyMatch(e -> e.participant(teacherId).isPresent())) {
                throw new ActivityRuleException(ActivityRuleException.Rule.TEACHER_ALREADY_REGISTERED,
                        "a teacher of this team is already registered for this activity (alone or with another school)");
            }
        }
    }

    /** The school's registration that holds or waits for a place, if any. */
    /** The registration a teacher holds or waits with (alone or in a team), if any. */
    public Optional<Entry> activeEntryOfTeacher(String teacherId) {
        return entries.stream().filter(Entry::isActive).filter(e -> e.participant(teacherId).isPresent()).findFirst();
    }

    public Optional<Entry> activeEntryOfSchool(String schoolId) {
        return entries.stream().filter(Entry::isActive).filter(e -> schoolId.equals(e.schoolId())).findFirst();
    }

    private Optional<Entry> existingEntry(Registrant registrant) {
        if (registrant.isTeam()) {
            return entries.stream().filter(Entry::isActive).filter(e -> registrant.schoolId().equals(e.schoolId())).findFirst();
        }
        String teacher = registrant.participants().get(0).teacherId();
        return entries.stream().filter(Entry::isActive).filter(e -> e.participant(teacher).isPresent()).findFirst();
    }

    private void checkComposition(Registrant registrant) {
        if (capacity.forSchools() != registrant.isTeam()) {
            throw capacity.forSchools()
                    ? new ActivityRuleException(ActivityRuleException.Rule.TEAM_REQUIRED,
                    type + " is a school-team activity: register the school with its teachers")
                    : new ActivityRuleException(ActivityRuleException.Rule.INDIVIDUAL_ONLY,
                    type + " takes individual registrations, not school teams");
        }
        if (!registrant.isTeam()) {
            return;
        }
        checkTeam(capacity, registrant.participants(), "");
    }

    /** Refuses a team that breaks the school-team rules of {@code capacity}; {@code context} opens the message. */
    private static void checkTeam(Capacity capacity, List<Participant> teachers, String context) {
        if (teachers.stream().map(Participant::teacherId).distinct().count() != teachers.size()) {
            throw new ActivityRuleException(ActivityRuleException.Rule.DUPLICATE_TEACHER_IN_TEAM, context + "a teacher appears twice in the team");
        }
        if (teachers.size() < capacity.minTeachersPerSchool()) {
            throw new ActivityRuleException(ActivityRuleException.Rule.TEAM_TOO_SMALL,
                    context + "each school sends at least " + capacity.minTeachersPerSchool() + " teachers");
        }
        if (teachers.size() > capacity.maxTeachersPerSchool()) {
            throw new ActivityRuleException(ActivityRuleException.Rule.TEAM_TOO_LARGE,
                    context + "each school sends at most " + capacity.maxTeachersPerSchool() + " teachers");
        }
        if (capacity.composition() == Capacity.Composition.LOWER_AND_UPPER_GRADES
                && !(teachers.stream().anyMatch(t -> t.grade() != null && t.grade().lowerPrimary())
                && teachers.stream().anyMatch(t -> t.grade() != null && t.grade().upperPrimary()))) {
            throw new ActivityRuleException(ActivityRuleException.Rule.TEAM_COMPOSITION,
                    context + "the team needs at least one teacher of pre-school to grade 2 and one of grades 3 to 6");
        }
    }

    private void requireOpenFor(Instant now) {
        if (status == ActivityStatus.CANCELLED) {
            throw new ActivityRuleException(ActivityRuleException.Rule.ACTIVITY_CANCELLED, "the activity was cancelled");
        }
        if (status != ActivityStatus.PUBLISHED) {
            throw new ActivityRuleException(ActivityRuleException.Rule.NOT_PUBLISHED, "the activity is not published");
        }
        if (opensAt != null && now.isBefore(opensAt)) {
            throw new ActivityRuleException(ActivityRuleException.Rule.REGISTRATION_NOT_OPEN_YET, "registration opens at " + opensAt);
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            throw new ActivityRuleException(ActivityRuleException.Rule.REGISTRATION_CLOSED, "registration closed at " + closesAt);
        }
        if (closesAt == null && hasBegun(now)) {
            throw new ActivityRuleException(ActivityRuleException.Rule.REGISTRATION_CLOSED,
                    "registration closed when the activity began (a place freed since goes to the waiting list, if anyone)");
        }
    }

    private void requireNotCancelled() {
        if (status == ActivityStatus.CANCELLED) {
            throw new ActivityRuleException(ActivityRuleException.Rule.ACTIVITY_CANCELLED, "the activity was cancelled");
        }
    }

    /**
     * A teacher who asked to be forgotten gives up their own registration: a waiting place always (a promotion could
     * never reach them, and would take a place from the next one waiting), and a held place in an activity that has not
     * begun (nobody could check them in by name, and the place goes to the first waiting); a place in an activity that
     * has begun, or that they were checked in for already, stays, anonymously, so that its counts do not change. The school they named is no longer linked to them.
     * A school team's registration is the network's to change, and stays.
     */
    public void forgetTeacher(String entryId, String teacherId, Instant now) {
        entry(entryId).filter(Entry::isActive).filter(entry -> !entry.isTeam() && entry.participant(teacherId).isPresent())
                .filter(entry -> entry.status() == EntryStatus.WAITLISTED
                        || (status == ActivityStatus.PUBLISHED && !hasBegun(now) && !attended(entry)))
                .ifPresent(entry -> cancelRegistration(entry.id(), now));
        forgetSchoolOf(teacherId);
    }

    /**
     * Unlinks the school a teacher named registering alone (they asked to be forgotten); a school team's registration
     * keeps its school, which is the team's, not the teacher's.
     */
    public void forgetSchoolOf(String teacherId) {
        for (Entry entry : entries) {
            if (entry.schoolId() == null && entry.forgetSchoolOf(teacherId)) {
                changedWithoutFacts = true;
            }
        }
    }

    // ---------------------------------------------------------------- attendance and headcount

    /** Checks teachers in for a session ({@code present}) or marks them absent; only confirmed participants. */
    public int recordAttendance(String sessionId, List<String> teacherIds, boolean present, Instant now) {
        requireNotCancelled();
        SessionSlot session = sessions.stream().filter(s -> s.id().equals(sessionId)).findFirst()
                .orElseThrow(() -> new ActivityRuleException(ActivityRuleException.Rule.UNKNOWN_SESSION, "no session " + sessionId));
        requireDayHasCome(session, now);
        int changed = 0;
        for (String teacherId : teacherIds) {
            Entry entry = entries.stream().filter(e -> e.status() == EntryStatus.CONFIRMED)
                    .filter(e -> e.participant(teacherId).isPresent()).findFirst()
                    .orElseThrow(() -> new ActivityRuleException(ActivityRuleException.Rule.NOT_A_PARTICIPANT,
                            "teacher " + teacherId + " has no confirmed registration"));
            Participant participant = entry.participant(teacherId).orElseThrow();
            if (entry.mark(participant, sessionId, present)) {
                facts.add(new ActivityFact.Attendance(entry, participant, sessionId, present));
                changed++;
            }
        }
        return changed;
    }

    public void recordHeadcount(int count, boolean approximate, Instant now) {
        requireNotCancelled();
        if (status != ActivityStatus.PUBLISHED) {
            throw new ActivityRuleException(ActivityRuleException.Rule.NOT_PUBLISHED, "publish the activity before recording its headcount");
        }
        if (!sessions.isEmpty()) {
            requireDayHasCome(sessions.get(0), now);
        }
        if (count < 0) {
            throw new ActivityRuleException(ActivityRuleException.Rule.HEADCOUNT_NEGATIVE, "a headcount cannot be negative");
        }
        if (headcount != null && headcount == count && headcountApproximate == approximate) {
            return; // the same headcount again: no new revision, no event
        }
        headcount = count;
        headcountApproximate = approximate;
        revision++;
        facts.add(new ActivityFact.Headcount(count, approximate));
    }

    /**
     * Participation is recorded from a session's day on (in the networks' time zone; early arrivals can be checked in
     * before its start), never for one still to come: it would count as reach before anyone came.
     */
    private static void requireDayHasCome(SessionSlot session, Instant now) {
        if (session.date().isAfter(LocalDate.ofInstant(now, ActivityFinder.ZONE))) {
            throw new ActivityRuleException(ActivityRuleException.Rule.SESSION_NOT_HELD_YET,
                    "the session of " + session.date() + " has not taken place yet: participation is recorded from its day on");
        }
    }

    // ---------------------------------------------------------------- reading

    /** Places taken as of the last save (readable without loading registrations). */
    public long placesTaken() {
        return placesTaken;
    }

    public long waiting() {
        return waiting;
    }

    public long confirmedCount() {
        return entries.stream().filter(e -> e.status() == EntryStatus.CONFIRMED).count();
    }

    public long waitlistCount() {
        return entries.stream().filter(e -> e.status() == EntryStatus.WAITLISTED).count();
    }

    public int waitlistPosition(Entry entry) {
        int position = 0;
        for (Entry e : entries) {
            if (e.status() == EntryStatus.WAITLISTED) {
                position++;
                if (e == entry || e.id().equals(entry.id())) {
                    return position;
                }
            }
        }
        return 0;
    }

    public long freePlaces() {
        return Math.max(0, capacity.limit() - confirmedCount());
    }

    /**
     * Whether teachers can register: published, and within the registration window. Without a closing moment of its
     * own, registration closes when the activity begins (its first session), so a place freed after that never goes to
     * a newcomer ahead of those waiting.
     */
    public boolean isOpenFor(Instant now) {
        return status == ActivityStatus.PUBLISHED && (opensAt == null || !now.isBefore(opensAt))
                && (closesAt == null ? !hasBegun(now) : now.isBefore(closesAt));
    }

    public Optional<Entry> entry(String entryId) {
        return entries.stream().filter(e -> e.id().equals(entryId)).findFirst();
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> entriesOf(String teacherId) {
        return entries.stream().filter(e -> e.participant(teacherId).isPresent()).toList();
    }

    /** Whether a change no event describes waits to be written (call before {@link #drainFacts}). */
    public boolean changedWithoutFacts() {
        return changedWithoutFacts;
    }

    /** The facts recorded since the last call; the application service writes them as events. */
    public List<ActivityFact> drainFacts() {
        List<ActivityFact> drained = List.copyOf(facts);
        facts.clear();
        changedWithoutFacts = false;
        placesTaken = confirmedCount();
        waiting = waitlistCount();
        return drained;
    }

    public ActivityDetails details() {
        return new ActivityDetails(ActivityId.of(id), NetworkId.of(network), partner, location, online, title, type, category,
                targetGroups, sessions, programme, revision);
    }

    public LocalDate firstSessionDate() {
        return sessions.isEmpty() ? null : sessions.get(0).date();
    }

    public String id() {
        return id;
    }

    public NetworkId networkId() {
        return NetworkId.of(network);
    }

    public Partner partner() {
        return partner;
    }

    public Location location() {
        return location;
    }

    public boolean online() {
        return online;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String type() {
        return type;
    }

    public ActivityCategory category() {
        return category;
    }

    public List<String> targetGroups() {
        return List.copyOf(targetGroups);
    }

    public List<SessionSlot> sessions() {
        return List.copyOf(sessions);
    }

    public PreServiceProgramme programme() {
        return programme;
    }

    public Capacity capacity() {
        return capacity;
    }

    public Instant opensAt() {
        return opensAt;
    }

    public Instant closesAt() {
        return closesAt;
    }

    public ActivityStatus status() {
        return status;
    }

    public Integer headcount() {
        return headcount;
    }

    public boolean headcountApproximate() {
        return headcountApproximate;
    }

    /** The version this activity's document gets with the change being made (its events are written with it). */
    long nextVersion() {
        return version == null ? 0 : version + 1;
    }

    public long revision() {
        return revision;
    }

    public String importKey() {
        return importKey;
    }

    public void markImported(String key) {
        this.importKey = key;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    private static ActivityRuleException invalid(String message) {
        return new ActivityRuleException(ActivityRuleException.Rule.INVALID_ACTIVITY, message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
