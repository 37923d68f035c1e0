package org.stemreach.registrations.registration;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.Entry;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What a teacher sees behind their personal link: their registrations, each with its status. */
@Service
public class MyRegistrations {

    private final MongoTemplate mongo;
    private final TeacherDirectory teachers;

    private final java.time.Clock clock;

    public MyRegistrations(MongoTemplate mongo, TeacherDirectory teachers, java.time.Clock clock) {
        this.mongo = mongo;
        this.teachers = teachers;
        this.clock = clock;
    }

    public record MyRegistration(String activityId, String title, LocalDate firstSession, String location, boolean online,
                                 String registrationId, String status, int waitlistPosition, boolean team, boolean cancellable,
                                 boolean activityCancelled) {
    }

    public record Overview(String teacherId, String name, String email, String school, String role, List<MyRegistration> registrations) {
    }

    public Optional<Overview> of(String teacherId) {
        return teachers.find(teacherId).filter(t -> !t.isForgotten()).map(teacher -> {
            List<Activity> activities = mongo.find(new Query(Criteria.where("entries.participants.teacherId").is(teacherId)), Activity.class);
            List<MyRegistration> registrations = activities.stream()
                    .flatMap(activity -> activity.entriesOf(teacherId).stream().map(entry -> view(activity, entry, clock.instant())))
                    .sorted(Comparator.comparing(MyRegistration::firstSession, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
            return new Overview(teacherId, teacher.name(), teacher.email(), teacher.school(), teacher.role(), registrations);
        });
    }

    /**
     * Cancellable by the teacher: their own (not a team's), active, of an activity not cancelled, and neither begun nor
     * checked in for unless they are only waiting (they hold no place, and may leave the list at any time).
     */
    private static MyRegistration view(Activity activity, Entry entry, java.time.Instant now) {
        boolean activityCancelled = activity.status() == org.stemreach.registrations.activity.ActivityStatus.CANCELLED;
        return new MyRegistration(activity.id(), activity.title(), activity.firstSessionDate(),
                activity.location() == null ? null : activity.location().name(), activity.online(), entry.id(), entry.status().name(),
                activity.waitlistPosition(entry), entry.isTeam(),
                activity.mayCancelOwn(entry, now), activityCancelled);
    }
}
