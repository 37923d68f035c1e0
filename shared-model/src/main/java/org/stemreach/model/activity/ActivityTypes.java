package org.stemreach.model.activity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default activity types of shared/domain.md with their category. Networks can add types of their
 * own (data, not code); events always carry the category next to the type, so consumers never need this table
 * to count.
 */
public final class ActivityTypes {

    public static final String NOCTURNE = "NOCTURNE";
    public static final String WORKSHOP = "WORKSHOP";
    public static final String MULTI_DAY_COURSE = "MULTI_DAY_COURSE";
    public static final String COACHING_SESSION = "COACHING_SESSION";
    public static final String COACH_THE_COACH = "COACH_THE_COACH";
    public static final String SCHOOL_TRAJECTORY = "SCHOOL_TRAJECTORY";
    public static final String PEDAGOGICAL_STUDY_DAY = "PEDAGOGICAL_STUDY_DAY";
    public static final String BASIC_TRAJECTORY = "BASIC_TRAJECTORY";
    public static final String EXTENSION_TRAJECTORY = "EXTENSION_TRAJECTORY";
    public static final String LECTURE_OR_INFO_STAND = "LECTURE_OR_INFO_STAND";
    public static final String STUDY_DAY = "STUDY_DAY";
    public static final String ROUND_TABLE = "ROUND_TABLE";
    public static final String PRE_SERVICE_SESSION = "PRE_SERVICE_SESSION";

    private static final Map<String, ActivityCategory> DEFAULTS;

    static {
        Map<String, ActivityCategory> types = new LinkedHashMap<>();
        types.put(NOCTURNE, ActivityCategory.TRAINING);
        types.put(WORKSHOP, ActivityCategory.TRAINING);
        types.put(MULTI_DAY_COURSE, ActivityCategory.TRAINING);
        types.put(COACHING_SESSION, ActivityCategory.COACHING);
        types.put(COACH_THE_COACH, ActivityCategory.COACHING);
        types.put(SCHOOL_TRAJECTORY, ActivityCategory.COACHING);
        types.put(PEDAGOGICAL_STUDY_DAY, ActivityCategory.COACHING);
        types.put(BASIC_TRAJECTORY, ActivityCategory.COACHING);
        types.put(EXTENSION_TRAJECTORY, ActivityCategory.COACHING);
        types.put(LECTURE_OR_INFO_STAND, ActivityCategory.DISSEMINATION);
        types.put(STUDY_DAY, ActivityCategory.DISSEMINATION);
        types.put(ROUND_TABLE, ActivityCategory.DISSEMINATION);
        types.put(PRE_SERVICE_SESSION, ActivityCategory.PRE_SERVICE);
        DEFAULTS = Collections.unmodifiableMap(types);
    }

    private ActivityTypes() {
    }

    /** The default types, in the order of shared/domain.md. */
    public static Map<String, ActivityCategory> defaults() {
        return DEFAULTS;
    }

    public static Optional<ActivityCategory> defaultCategoryOf(String type) {
        return Optional.ofNullable(DEFAULTS.get(type));
    }

    /** Types whose participants are "trained coaches and leaders" rather than direct reach. */
    public static boolean countsAsTrainedCoaches(String type) {
        return COACH_THE_COACH.equals(type);
    }

    /** Team types register a school with its teachers; quotas count schools. */
    public static boolean isSchoolTeamType(String type) {
        return SCHOOL_TRAJECTORY.equals(type) || BASIC_TRAJECTORY.equals(type);
    }
}
