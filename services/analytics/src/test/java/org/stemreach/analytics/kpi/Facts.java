package org.stemreach.analytics.kpi;

import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data builders for {@link KpiCalculator}. */
final class Facts {

    private final List<ReachFacts.Activity> activities = new ArrayList<>();
    private int nextTeacher;
    private int nextActivity;

    /** An activity attended by {@code count} teachers never seen before. */
    Facts activity(String type, int count) {
        return activity(type, freshTeachers(count), 0);
    }

    Facts headcount(String type, int headcount) {
        return activity(type, List.of(), headcount);
    }

    Facts activity(String type, List<String> teachers, int headcount) {
        Map<String, String> attendees = new LinkedHashMap<>();
        teachers.forEach(t -> attendees.put(t, "school-" + (t.hashCode() % 7)));
        return attended(type, attendees, headcount);
    }

    /** An activity whose attendees came from these schools (teacher id to school id; null for a teacher without one). */
    Facts attended(String type, Map<String, String> attendees, int headcount) {
        ActivityCategory category = ActivityTypes.defaultCategoryOf(type).orElseThrow();
        activities.add(new ReachFacts.Activity("a" + (++nextActivity), "ISTEM", "2031", "kuleuven", "KU Leuven", "kulak",
                "Campus Kulak", type, category, LocalDate.of(2031, 3, 1),
                category == ActivityCategory.PRE_SERVICE ? "Bachelor secundair onderwijs" : null,
                category == ActivityCategory.PRE_SERVICE ? "BACHELOR" : null, attendees, headcount, type + " " + nextActivity));
        return this;
    }

    /** A pre-service session of {@code partner}'s programme {@code programme} at {@code level}, with a headcount of students. */
    Facts preService(String partner, String programme, String level, int students) {
        activities.add(new ReachFacts.Activity("a" + (++nextActivity), "ISTEM", "2031", partner.toLowerCase(), partner, "campus",
                "Campus", ActivityTypes.PRE_SERVICE_SESSION, ActivityCategory.PRE_SERVICE, LocalDate.of(2031, 3, 1), programme, level,
                Map.of(), students, "Sessie " + nextActivity));
        return this;
    }

    List<String> freshTeachers(int count) {
        List<String> teachers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            teachers.add("t" + (++nextTeacher));
        }
        return teachers;
    }

    List<ReachFacts.Activity> build() {
        return List.copyOf(activities);
    }
}
