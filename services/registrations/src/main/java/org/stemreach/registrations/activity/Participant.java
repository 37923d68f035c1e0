package org.stemreach.registrations.activity;

import java.util.LinkedHashSet;
import java.util.Set;

/** A teacher in a registration, with the sessions they attended. Personal data lives elsewhere (the teacher directory). */
public class Participant {

    private String teacherId;
    private Grade grade;
    private Set<String> attended = new LinkedHashSet<>();

    protected Participant() {
    }

    public Participant(String teacherId, Grade grade) {
        this.teacherId = teacherId;
        this.grade = grade;
    }

    public String teacherId() {
        return teacherId;
    }

    public Grade grade() {
        return grade;
    }

    public Set<String> attended() {
        return Set.copyOf(attended);
    }

    /** Returns true if this changed anything. */
    boolean mark(String sessionId, boolean present) {
        return present ? attended.add(sessionId) : attended.remove(sessionId);
    }
}
