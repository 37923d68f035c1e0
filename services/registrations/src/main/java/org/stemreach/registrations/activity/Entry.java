package org.stemreach.registrations.activity;

import org.springframework.data.annotation.Transient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One registration: a teacher alone, or a school team (school id and its teachers). */
public class Entry {

    private String id;
    private String schoolId;
    private List<Participant> participants = new ArrayList<>();
    private EntryStatus status;
    private Instant registeredAt;
    private Instant promotedAt;
    private Instant cancelledAt;
    /**
     * The document this entry was read from or last written as, while it is unchanged ({@link EntryConversions}):
     * an activity holds all its registrations, and a change of one need not convert all the others again. Every
     * change of this entry (or of its participants' attendance) forgets it. Never changed itself.
     */
    @Transient
    private org.bson.Document stored;

    protected Entry() {
    }

    Entry(String id, String schoolId, List<Participant> participants, EntryStatus status, Instant registeredAt) {
        this(id, schoolId, participants, status, registeredAt, null, null);
    }

    /** As stored ({@link EntryConversions}). */
    Entry(String id, String schoolId, List<Participant> participants, EntryStatus status, Instant registeredAt,
          Instant promotedAt, Instant cancelledAt) {
        this.id = id;
        this.schoolId = schoolId;
        this.participants = new ArrayList<>(participants);
        this.status = status;
        this.registeredAt = registeredAt;
        this.promotedAt = promotedAt;
        this.cancelledAt = cancelledAt;
    }

    /** The participants themselves, not a copy: for {@link EntryConversions} only. */
    List<Participant> storedParticipants() {
        return participants;
    }

    public String id() {
        return id;
    }

    public String schoolId() {
        return schoolId;
    }

    public boolean isTeam() {
        return schoolId != null;
    }

    public List<Participant> participants() {
        return List.copyOf(participants);
    }

    public List<String> teacherIds() {
        return participants.stream().map(Participant::teacherId).toList();
    }

    public Optional<Participant> participant(String teacherId) {
        return participants.stream().filter(p -> p.teacherId().equals(teacherId)).findFirst();
    }

    public EntryStatus status() {
        return status;
    }

    public boolean isActive() {
        return status != EntryStatus.CANCELLED;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant promotedAt() {
        return promotedAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    org.bson.Document stored() {
        return stored;
    }

    void stored(org.bson.Document document) {
        stored = document;
    }

    /** Marks a participant present at or absent from a session; returns true if this changed anything. */
    boolean mark(Participant participant, String sessionId, boolean present) {
        if (participant.mark(sessionId, present)) {
            stored = null;
            return true;
        }
        return false;
    }

    /** Drops the school a participant named; true if there was one. */
    boolean forgetSchoolOf(String teacherId) {
        for (Participant participant : participants) {
            if (participant.teacherId().equals(teacherId) && participant.forgetSchool()) {
                stored = null;
                return true;
            }
        }
        return false;
    }

    /** Drops the no-shows of a session removed from the plan. */
    void forgetMisses(String sessionId) {
        for (Participant participant : participants) {
            if (participant.forgetMiss(sessionId)) {
                stored = null;
            }
        }
    }

    void promote(Instant now) {
        stored = null;
        status = EntryStatus.CONFIRMED;
        promotedAt = now;
    }

    void cancel(Instant now) {
        stored = null;
        status = EntryStatus.CANCELLED;
        cancelledAt = now;
    }
}
