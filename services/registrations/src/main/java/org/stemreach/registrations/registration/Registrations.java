package org.stemreach.registrations.registration;

import org.springframework.stereotype.Service;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityRuleException;
import org.stemreach.registrations.activity.Entry;
import org.stemreach.registrations.activity.ActivityStatus;
import org.stemreach.registrations.activity.EntryStatus;
import org.stemreach.registrations.activity.Grade;
import org.stemreach.registrations.activity.Participant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Teachers registering (alone or as a school team), looking at and cancelling their registrations, being forgotten. */
@Service
public class Registrations {

    private final Activities activities;
    private final TeacherDirectory teachers;
    private final SchoolDirectory schools;
    private final MyRegistrations mine;
    private final Clock clock;

    public Registrations(Activities activities, TeacherDirectory teachers, SchoolDirectory schools, MyRegistrations mine, Clock clock) {
        this.activities = activities;
        this.teachers = teachers;
        this.schools = schools;
        this.mine = mine;
        this.clock = clock;
    }

    /** A teacher as the registration form describes them. */
    public record Person(String name, String email, String school, Grade grade, String role) {
    }

    /** What registering did: the registration, whether it is new, and its place on the waiting list (0 if none). */
    public record Outcome(String activityId, Entry entry, boolean created, int waitlistPosition) {

        public EntryStatus status() {
            return entry.status();
        }
    }

    /**
     * Registers a teacher. The teacher is identified (created on first sight) only once the activity's rules accept
     * the registration, so a refused one stores no personal data.
     */
    public Outcome registerTeacher(String activityId, Person person) {
        return registerTeacher(activityId, person, null);
    }

    /**
     * A teacher alone. The school they name (with its postcode, if given) gets its opaque id, as a team's does, so that the
     * schools an activity of individual teachers reached can be counted.
     */
    public Outcome registerTeacher(String activityId, Person person, String schoolPostcode) {
        return activities.change(activityId, activity -> {
            // Registering again returns the registration, also once registration has closed.
            Optional<Entry> existing = activity.status() != ActivityStatus.PUBLISHED ? Optional.empty()
                    : Optional.ofNullable(teachers.idsOf(List.of(person.email())).get(Teacher.normalise(person.email())))
                    .flatMap(activity::activeEntryOfTeacher);
            if (existing.isPresent()) {
                return new Outcome(activity.id(), existing.get(), false, activity.waitlistPosition(existing.get()));
            }
            activity.checkRegistrable(Activity.Registrant.teacher(Teacher.normalise(person.email()), person.grade()), clock.instant());
            String teacherId = teachers.identify(person.email(), person.name(), person.school(), person.role());
            String schoolId = person.school() == null || person.school().isBlank() ? null
                    : schools.identify(person.school(), schoolPostcode).id();
            return register(activity, Activity.Registrant.teacher(teacherId, person.grade(), schoolId));
        });
    }

    /**
     * Registers a school with its teachers; as {@link #registerTeacher}, nothing is stored for a refused one. The rules
     * that depend on who registers (the school registered already, a teacher registered already) are checked against the
     * school and teachers already known, before anything is created.
     */
    public Outcome registerTeam(String activityId, String schoolName, String postcode, List<Person> members) {
        return activities.change(activityId, activity -> {
            List<Participant> provisional = members.stream()
                    .map(member -> new Participant(Teacher.normalise(member.email()), member.grade())).toList();
            Optional<School> known = schools.find(schoolName, postcode);
            Optional<Entry> existing = activity.status() != ActivityStatus.PUBLISHED ? Optional.empty()
                    : known.flatMap(school -> activity.activeEntryOfSchool(school.id()));
            if (existing.isPresent()) {
                // Registering again returns the registration, also once registration has closed.
                return new Outcome(activity.id(), existing.get(), false, activity.waitlistPosition(existing.get()));
            }
            activity.checkRegistrable(Activity.Registrant.team("?", provisional), clock.instant());
            Map<String, String> knownTeachers = teachers.idsOf(members.stream().map(Person::email).toList());
            activity.checkNotRegistered(knownTeachers.values());
            School school = known.orElseGet(() -> schools.identify(schoolName, postcode));
            List<Participant> participants = new ArrayList<>();
            for (Person member : members) {
                participants.add(new Participant(teachers.identify(member.email(), member.name(), schoolName, member.role()), member.grade()));
            }
            return register(activity, Activity.Registrant.team(school.id(), participants));
        });
    }

    private Outcome register(Activity activity, Activity.Registrant registrant) {
        int before = activity.entries().size();
        Entry entry = activity.register(registrant, clock.instant());
        return new Outcome(activity.id(), entry, activity.entries().size() > before, activity.waitlistPosition(entry));
    }

    /** A teacher's own registration, cancelled through their personal link (school-team registrations go through the network). */
    public Entry cancelOwn(String teacherId, String activityId, String entryId) {
        if (teachers.find(teacherId).filter(teacher -> !teacher.isForgotten()).isEmpty()) {
            // The link of a teacher who was forgotten cancels nothing, and says the same for every registration.
            throw new ActivityRuleException(ActivityRuleException.Rule.UNKNOWN_REGISTRATION, "no such registration of yours");
        }
        return activities.change(activityId, activity -> {
            Entry entry = activity.entry(entryId).filter(e -> e.participant(teacherId).isPresent())
                    .orElseThrow(() -> new ActivityRuleException(ActivityRuleException.Rule.UNKNOWN_REGISTRATION,
                            "no such registration of yours"));
            if (entry.isTeam()) {
                throw new ActivityRuleException(ActivityRuleException.Rule.TEAM_CANCELLED_BY_NETWORK,
                        "a school team's registration is cancelled by the network team; please contact them");
            }
            return activity.cancelOwnRegistration(entryId, clock.instant());
        });
    }

    /**
     * Forgets a teacher (their personal data; the registrations of activities that have begun stay as anonymous records,
     * so counts do not change). The teacher is marked first, so that no mail reaches them any more; then they give up
     * their places on waiting lists and in activities still to begin, each with its event and the promotion it makes (see
     * {@link Activity#forgetTeacher}; those are no participants yet, so no count changes); then their personal data is
     * erased. A forget stopped halfway leaves the teacher known, with their link working, to ask again.
     */
    public void forget(String teacherId) {
        if (!teachers.markForgetting(teacherId)) {
            return; // unknown, or forgotten already
        }
        // Read once marked: a registration of theirs from now on is refused (TeacherDirectory.identify), so this is all.
        Optional<MyRegistrations.Overview> before = mine.of(teacherId);
        if (before.isEmpty()) {
            teachers.forget(teacherId);
            return;
        }
        before.get().registrations().stream().filter(registration -> !registration.team())
                .forEach(own -> activities.change(own.activityId(), activity -> {
                    activity.forgetTeacher(own.registrationId(), teacherId, clock.instant());
                    return activity;
                }));
        teachers.forget(teacherId);
    }
}
