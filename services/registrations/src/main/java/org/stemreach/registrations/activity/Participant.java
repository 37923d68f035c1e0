package org.stemreach.registrations.activity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A teacher in a registration, with the sessions they attended and those they were marked absent from (no-shows); a
 * session in neither has no attendance recorded yet. Personal data lives elsewhere (the teacher directory).
 */
public class Participant {

    private String teacherId;
    private Grade grade;
    /** The teacher's own school, as they named it registering alone (a team's school is its registration's). */
    private String schoolId;
    private Set<String> attended = new LinkedHashSet<>();
    private Set<String> missed = new LinkedHashSet<>();

    protected Participant() {
    }

    public Participant(String teacherId, Grade grade) {
        this(teacherId, grade, (String) null);
    }

    /** @param schoolId the opaque id of the school a teacher registering alone named, or {@code null} */
    public Participant(String teacherId, Grade grade, String schoolId) {
        this.teacherId = teacherId;
        this.grade = grade;
        this.schoolId = schoolId;
    }

    /** As stored ({@link EntryConversions}). */
    Participant(String teacherId, Grade grade, String schoolId, Collection<String> attended, Collection<String> missed) {
        this.teacherId = teacherId;
        this.grade = grade;
        this.schoolId = schoolId;
        this.attended = new LinkedHashSet<>(attended);
        this.missed = new LinkedHashSet<>(missed);
    }

    /** The sessions attended, in the order they were marked, not a copy: for {@link EntryConversions} only. */
    Set<String> storedAttendance() {
        return attended;
    }

    /** The sessions marked as missed, not a copy: for {@link EntryConversions} only. */
    Set<String> storedMisses() {
        return missed;
    }

    public String teacherId() {
        return teacherId;
    }

    public Grade grade() {
        return grade;
    }

    /** The school a teacher registering alone named (opaque id), or {@code null}; see {@link Entry#schoolId()} for teams. */
    public String schoolId() {
        return schoolId;
    }

    public Set<String> attended() {
        return Set.copyOf(attended);
    }

    /** The sessions this teacher was marked absent from (no-shows). */
    public Set<String> missed() {
        return Set.copyOf(missed);
    }

    /** Whether attendance (present or absent) is recorded for the session. */
    public boolean hasAttendance(String sessionId) {
        return attended.contains(sessionId) || missed.contains(sessionId);
    }

    /**
     * Present, or absent (a no-show, also when it corrects a check-in); returns true if this changed anything. Only through
     * {@link Entry#mark}, which forgets the entry's stored document.
     */
    boolean mark(String sessionId, boolean present) {
        return present ? attended.add(sessionId) | missed.remove(sessionId) : attended.remove(sessionId) | missed.add(sessionId);
    }

    /** Forgets the school this teacher named (they asked to be forgotten); true if there was one. Through {@link Entry}. */
    boolean forgetSchool() {
        boolean had = schoolId != null;
        schoolId = null;
        return had;
    }

    /** Drops the no-show of a session removed from the plan (a session added later may get its id). Through {@link Entry}. */
    boolean forgetMiss(String sessionId) {
        return missed.remove(sessionId);
    }
}
