package org.stemreach.registrations.activity;

import java.util.Collection;
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

    /** As stored ({@link EntryConversions}). */
    Participant(String teacherId, Grade grade, Collection<String> attended) {
        this.teacherId = teacherId;
        this.grade = grade;
        this.attended = new LinkedHashSet<>(attended);
    }

    /** The sessions attended, in the order they were marked, not a copy: for {@link EntryConversions} only. */
    Set<String> storedAttendance() {
        return attended;
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

    /** Returns true if this changed anything. Only through {@link Entry#mark}, which forgets the entry's stored document. */
    boolean mark(String sessionId, boolean present) {
        return present ? attended.add(sessionId) : attended.remove(sessionId);
    }
}
