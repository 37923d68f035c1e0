package org.stemreach.registrations.web;

import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.registrations.SessionSlot;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityFinder;
import org.stemreach.registrations.activity.ActivityPlanRequest;
import org.stemreach.registrations.activity.Capacity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The planning page's form (an activity as the operations team plans it, without JSON): plain fields a browser sends,
 * turned into the same {@link ActivityPlanRequest} the API takes, so that both are checked by the same rules. Partners
 * and locations are named; their ids are those of a partner or location of that name already known, else made from
 * the name.
 */
public class PlanForm {

    static final int SESSION_ROWS = 8;
    private static final Pattern NETWORK = Pattern.compile("[A-Z][A-Z0-9_-]{1,31}");

    private String network;
    private String title;
    private String description;
    private String type;
    private String partner;
    private String location;
    private String city;
    private String region;
    private boolean online;
    private String targetGroups;
    private String programme;
    private String programmeLevel;
    private Integer capacity;
    private Integer minTeachers;
    private Integer maxTeachers;
    /** A school trajectory's team needs a teacher of the lower and one of the upper grades (a basic trajectory's always does). */
    private boolean bothGrades;
    /** An administrator's confirmation that a network no activity has yet is meant as a new network. */
    private boolean newNetwork;
    private String opensAt;
    private String closesAt;
    private boolean publish = true;
    /** A type of the network's own (not one of the domain's), as the activity has it: kept, not offered to choose. */
    private String ownType;
    private List<Session> sessions = new ArrayList<>();

    /** One row of sessions: its id (kept when the plan changes, so that attendance stays with it), day and times. */
    public static class Session {
        private String id;
        private String date;
        private String start;
        private String end;

        boolean isEmpty() {
            return blank(date) && blank(start) && blank(end);
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getDate() {
            return date;
        }

        public void setDate(String date) {
            this.date = date;
        }

        public String getStart() {
            return start;
        }

        public void setStart(String start) {
            this.start = start;
        }

        public String getEnd() {
            return end;
        }

        public void setEnd(String end) {
            this.end = end;
        }
    }

    /** An empty form with its session rows; one network preselected when the caller has only one. */
    static PlanForm empty(java.util.Collection<String> networks) {
        PlanForm form = new PlanForm();
        if (networks != null && networks.size() == 1) {
            form.network = networks.iterator().next();
        }
        form.padSessions();
        return form;
    }

    /** The form of an activity as it is planned now. */
    static PlanForm of(Activity activity) {
        PlanForm form = new PlanForm();
        form.network = activity.networkId().value();
        form.title = activity.title();
        form.description = activity.description();
        form.type = activity.type();
        if (!ActivityTypes.defaults().containsKey(activity.type())) {
            form.ownType = activity.type();
        }
        form.partner = activity.partner().name();
        if (activity.location() != null) {
            form.location = activity.location().name();
            form.city = activity.location().city();
            form.region = activity.location().region();
        }
        form.online = activity.online();
        form.targetGroups = activity.targetGroups() == null ? null : String.join(", ", activity.targetGroups());
        if (activity.programme() != null) {
            form.programme = activity.programme().name();
            form.programmeLevel = activity.programme().level();
        }
        Capacity capacity = activity.capacity();
        form.capacity = capacity.limit();
        if (capacity.forSchools()) {
            form.minTeachers = capacity.minTeachersPerSchool();
            form.maxTeachers = capacity.maxTeachersPerSchool();
            form.bothGrades = capacity.composition() == Capacity.Composition.LOWER_AND_UPPER_GRADES;
        }
        form.opensAt = local(activity.opensAt());
        form.closesAt = local(activity.closesAt());
        form.publish = false; // publishing is a button of its own once planned
        for (SessionSlot slot : activity.sessions()) {
            Session row = new Session();
            row.id = slot.id();
            row.date = slot.date().toString();
            row.start = slot.start() == null ? null : slot.start().toString();
            row.end = slot.end() == null ? null : slot.end().toString();
            form.sessions.add(row);
        }
        form.padSessions();
        return form;
    }

    /** Rows up to {@link #SESSION_ROWS}, and always one empty row to add a session. */
    void padSessions() {
        while (sessions.size() < SESSION_ROWS || sessions.stream().noneMatch(Session::isEmpty) && sessions.size() < 60) {
            sessions.add(new Session());
        }
    }

    /**
     * Message codes (with one argument, and the ids of the fields they are about) of what is missing or cannot be read;
     * the rules of the activity itself (a window that closes before it opens, a capacity below the places taken) are the
     * domain's, said once the plan is made.
     */
    List<String[]> problems() {
        List<String[]> problems = new ArrayList<>();
        if (blank(network) || !NETWORK.matcher(network.strip().toUpperCase(Locale.ROOT)).matches()) {
            problems.add(new String[]{"plan.problem.network", "", "network"});
        }
        if (blank(title)) {
            problems.add(new String[]{"field.required", "plan.title", "title"});
        }
        if (blank(type) || !ActivityTypes.defaults().containsKey(type) && !type.equals(ownType)) {
            problems.add(new String[]{"plan.problem.type", "", "type"});
        }
        if (blank(partner)) {
            problems.add(new String[]{"field.required", "plan.partner", "partner"});
        }
        if (!online && blank(location)) {
            problems.add(new String[]{"plan.problem.location", "", "location"});
        }
        if (capacity == null || capacity < 1 || capacity > 100_000) {
            problems.add(new String[]{"plan.problem.capacity", "", "capacity"});
        }
        if (ActivityTypes.PRE_SERVICE_SESSION.equals(type) && (blank(programme) || blank(programmeLevel))) {
            problems.add(new String[]{"plan.problem.programme", "", "programme"});
        }
        if (ActivityTypes.isSchoolTeamType(String.valueOf(type)) && maxTeachers != null
                && maxTeachers < (minTeachers != null ? minTeachers : ActivityTypes.BASIC_TRAJECTORY.equals(type) ? 2 : 1)) {
            problems.add(new String[]{"plan.problem.teachers", "", "maxTeachers"});
        } else if (ActivityTypes.SCHOOL_TRAJECTORY.equals(type) && bothGrades && maxTeachers != null && maxTeachers < 2) {
            problems.add(new String[]{"plan.problem.bothGrades", "", "maxTeachers"});
        }
        int filled = 0;
        for (int row = 0; row < sessions.size(); row++) {
            Session session = sessions.get(row);
            if (session.isEmpty()) {
                continue;
            }
            filled++;
            if (date(session.date) == null) {
                problems.add(new String[]{"plan.problem.sessionDate", String.valueOf(row + 1), "session-date-" + row});
            } else if (!blank(session.start) && time(session.start) == null || !blank(session.end) && time(session.end) == null) {
                problems.add(new String[]{"plan.problem.sessionTime", String.valueOf(row + 1), "session-start-" + row});
            } else if (time(session.start) != null && time(session.end) != null && !time(session.end).isAfter(time(session.start))) {
                problems.add(new String[]{"plan.problem.sessionEnd", String.valueOf(row + 1), "session-end-" + row});
            }
        }
        if (filled == 0) {
            problems.add(new String[]{"plan.problem.sessions", "", "session-date-0"});
        }
        for (String[] moment : new String[][]{{opensAt, "opensAt"}, {closesAt, "closesAt"}}) {
            if (!blank(moment[0]) && moment(moment[0]) == null) {
                problems.add(new String[]{"plan.problem.moment", "plan." + moment[1], moment[1]});
            }
        }
        if (moment(opensAt) != null && moment(closesAt) != null && !moment(closesAt).isAfter(moment(opensAt))) {
            problems.add(new String[]{"plan.problem.window", "", "closesAt"});
        }
        return problems;
    }

    /**
     * The plan as the API takes it (call only without {@link #problems()}): partners and locations by the id of a known
     * one of that name ({@code known}), else by an id made from the name.
     */
    ActivityPlanRequest toRequest(ActivityFinder.KnownPlaces known) {
        return toRequest(known, null);
    }

    /**
     * The same for a change of {@code current}: its partner and location keep their ids while their names stay (whatever
     * another activity calls them), and what the page does not show (a type of the network's own with its category) stays
     * as it is.
     */
    ActivityPlanRequest toRequest(ActivityFinder.KnownPlaces known, Activity current) {
        String partnerName = partner.strip();
        String partnerId = current != null && ActivityFinder.placeKey(current.partner().name()).equals(ActivityFinder.placeKey(partnerName))
                ? current.partner().id() : known.partners().getOrDefault(ActivityFinder.placeKey(partnerName), slug(partnerName));
        ActivityPlanRequest.Place partnerPlace = new ActivityPlanRequest.Place(partnerId, partnerName, null, null);
        ActivityPlanRequest.Place locationPlace = null;
        if (!blank(location)) {
            String locationName = location.strip();
            boolean stays = current != null && current.location() != null
                    && ActivityFinder.placeKey(current.location().name()).equals(ActivityFinder.placeKey(locationName));
            org.stemreach.model.registrations.Location known1 = stays ? current.location() : known.locations().get(ActivityFinder.placeKey(locationName));
            // The town and region as typed. Another location chosen from the list by its name brings its own, unless others
            // were typed than the ones the page showed for the location before.
            String typedCity = strippedOrNull(city);
            String typedRegion = strippedOrNull(region);
            if (!stays && known1 != null) {
                boolean shownCity = current != null && current.location() != null && java.util.Objects.equals(typedCity, current.location().city());
                boolean shownRegion = current != null && current.location() != null && java.util.Objects.equals(typedRegion, current.location().region());
                typedCity = typedCity == null || shownCity ? known1.city() : typedCity;
                typedRegion = typedRegion == null || shownRegion ? known1.region() : typedRegion;
            }
            locationPlace = new ActivityPlanRequest.Place(known1 != null ? known1.id() : slug(locationName), locationName, typedCity, typedRegion);
        }
        List<ActivityPlanRequest.Session> slots = sessions.stream().filter(s -> !s.isEmpty())
                .map(s -> new ActivityPlanRequest.Session(strippedOrNull(s.id), date(s.date), time(s.start), time(s.end)))
                .sorted(java.util.Comparator.comparing(ActivityPlanRequest.Session::date)
                        .thenComparing(s -> s.start() == null ? LocalTime.MIN : s.start()))
                .toList();
        List<String> groups = blank(targetGroups) ? null : java.util.Arrays.stream(targetGroups.split("[,;\n]"))
                .map(String::strip).filter(g -> !g.isEmpty()).toList();
        boolean team = ActivityTypes.isSchoolTeamType(type);
        boolean sameType = current != null && current.type().equals(type);
        String text = strippedOrNull(description == null ? null : description.replace("\r\n", "\n"));
        if (current != null) {
            // What the page shows a little differently than it is stored (seconds of a moment, a target group holding a
            // comma, line ends) stays as stored when it was left as shown: an unchanged form changes nothing.
            PlanForm shown = of(current);
            if (java.util.Objects.equals(targetGroups, shown.targetGroups)) {
                groups = current.targetGroups();
            }
            if (java.util.Objects.equals(text, strippedOrNull(current.description() == null ? null : current.description().replace("\r\n", "\n")))) {
                text = current.description();
            }
        }
        return new ActivityPlanRequest(network.strip().toUpperCase(Locale.ROOT), newNetwork, partnerPlace, locationPlace, online, title.strip(), text,
                type, sameType && ActivityTypes.defaultCategoryOf(type).isEmpty() ? current.category() : null, groups, slots,
                blank(programme) ? null : new ActivityPlanRequest.Programme(programme.strip(), programmeLevel),
                capacity, null, team ? minTeachers : null, team ? maxTeachers : null,
                composition(),
                unchangedOr(opensAt, current == null ? null : current.opensAt()),
                unchangedOr(closesAt, current == null ? null : current.closesAt()), publish);
    }

    /** The composition rule of a team: a basic trajectory's is always both grades (the type's default), a school trajectory's as ticked. */
    private Capacity.Composition composition() {
        if (!ActivityTypes.SCHOOL_TRAJECTORY.equals(type)) {
            return null;
        }
        return bothGrades ? Capacity.Composition.LOWER_AND_UPPER_GRADES : Capacity.Composition.NONE;
    }

    /** A moment as the form sends it; the stored one if the form shows it unchanged (the form has no seconds). */
    private static Instant unchangedOr(String value, Instant stored) {
        return stored != null && java.util.Objects.equals(local(stored), strippedOrNull(value)) ? stored : moment(value);
    }

    /** An id made from a name, as the API's ids are: lower-case letters, digits and dashes ("Campus Kulak" is campus-kulak). */
    static String slug(String name) {
        String slug = ActivityFinder.placeKey(name).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            slug = "p-" + Integer.toHexString(name.strip().hashCode());
        }
        return slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
    }

    private static LocalDate date(String value) {
        try {
            return blank(value) ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String value) {
        try {
            return blank(value) ? null : LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A moment as a browser's date-and-time field sends it ("2026-03-01T09:00"), in the networks' time zone. */
    private static Instant moment(String value) {
        try {
            return blank(value) ? null : LocalDateTime.parse(value.strip()).atZone(ActivityFinder.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String local(Instant moment) {
        return moment == null ? null : LocalDateTime.ofInstant(moment, ActivityFinder.ZONE).withSecond(0).withNano(0).toString();
    }

    private static String strippedOrNull(String value) {
        return blank(value) ? null : value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getNetwork() {
        return network;
    }

    public void setNetwork(String network) {
        this.network = network;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPartner() {
        return partner;
    }

    public void setPartner(String partner) {
        this.partner = partner;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public boolean isOnline() {
        return online;
    }

    public void setOnline(boolean online) {
        this.online = online;
    }

    public String getTargetGroups() {
        return targetGroups;
    }

    public void setTargetGroups(String targetGroups) {
        this.targetGroups = targetGroups;
    }

    public String getProgramme() {
        return programme;
    }

    public void setProgramme(String programme) {
        this.programme = programme;
    }

    public String getProgrammeLevel() {
        return programmeLevel;
    }

    public void setProgrammeLevel(String programmeLevel) {
        this.programmeLevel = programmeLevel;
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }

    public Integer getMinTeachers() {
        return minTeachers;
    }

    public void setMinTeachers(Integer minTeachers) {
        this.minTeachers = minTeachers;
    }

    public Integer getMaxTeachers() {
        return maxTeachers;
    }

    public void setMaxTeachers(Integer maxTeachers) {
        this.maxTeachers = maxTeachers;
    }

    public boolean isNewNetwork() {
        return newNetwork;
    }

    public void setNewNetwork(boolean newNetwork) {
        this.newNetwork = newNetwork;
    }

    public boolean isBothGrades() {
        return bothGrades;
    }

    public void setBothGrades(boolean bothGrades) {
        this.bothGrades = bothGrades;
    }

    public String getOpensAt() {
        return opensAt;
    }

    public void setOpensAt(String opensAt) {
        this.opensAt = opensAt;
    }

    public String getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(String closesAt) {
        this.closesAt = closesAt;
    }

    public boolean isPublish() {
        return publish;
    }

    public void setPublish(boolean publish) {
        this.publish = publish;
    }

    public String getOwnType() {
        return ownType;
    }

    public void setOwnType(String ownType) {
        this.ownType = blank(ownType) ? null : ownType; // the hidden field sends "" for a type of the domain's own
    }

    public List<Session> getSessions() {
        return sessions;
    }

    public void setSessions(List<Session> sessions) {
        this.sessions = sessions;
    }
}
