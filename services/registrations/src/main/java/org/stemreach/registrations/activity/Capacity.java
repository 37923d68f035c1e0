package org.stemreach.registrations.activity;

/**
 * How many may take part: individual seats, or schools (school-team activities count schools, each with a
 * minimum and maximum number of teachers and, for basic trajectories, a composition rule).
 */
public record Capacity(Mode mode, int limit, int minTeachersPerSchool, int maxTeachersPerSchool, Composition composition) {

    public enum Mode { SEATS, SCHOOLS }

    /** {@code LOWER_AND_UPPER_GRADES}: at least one teacher of pre-school to grade 2 and one of grades 3 to 6. */
    public enum Composition { NONE, LOWER_AND_UPPER_GRADES }

    public Capacity {
        if (mode == null) {
            throw new IllegalArgumentException("capacity mode is SEATS or SCHOOLS");
        }
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("capacity must be between 1 and 100000, got " + limit);
        }
        composition = composition == null ? Composition.NONE : composition;
        if (mode == Mode.SEATS) {
            minTeachersPerSchool = 0;
            maxTeachersPerSchool = 0;
        } else {
            if (minTeachersPerSchool < 1) {
                minTeachersPerSchool = 1;
            }
            if (maxTeachersPerSchool < minTeachersPerSchool) {
                throw new IllegalArgumentException("a school team may not have fewer teachers at most (" + maxTeachersPerSchool
                        + ") than at least (" + minTeachersPerSchool + ")");
            }
        }
    }

    public static Capacity seats(int seats) {
        return new Capacity(Mode.SEATS, seats, 0, 0, Composition.NONE);
    }

    public static Capacity schools(int schools, int minTeachers, int maxTeachers, Composition composition) {
        return new Capacity(Mode.SCHOOLS, schools, minTeachers, maxTeachers, composition);
    }

    public boolean forSchools() {
        return mode == Mode.SCHOOLS;
    }
}
