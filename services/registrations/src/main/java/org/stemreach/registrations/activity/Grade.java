package org.stemreach.registrations.activity;

/** What a teacher teaches; the basic trajectory's composition rule needs the lower and upper primary grades. */
public enum Grade {
    PRESCHOOL, GRADE_1, GRADE_2, GRADE_3, GRADE_4, GRADE_5, GRADE_6, SECONDARY, SCHOOL_LEADER, HIGHER_EDUCATION, OTHER;

    /** Pre-school up to grade 2. */
    public boolean lowerPrimary() {
        return this == PRESCHOOL || this == GRADE_1 || this == GRADE_2;
    }

    /** Grades 3 to 6. */
    public boolean upperPrimary() {
        return this == GRADE_3 || this == GRADE_4 || this == GRADE_5 || this == GRADE_6;
    }
}
