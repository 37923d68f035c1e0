package org.stemreach.registrations.activity;

/** What a change to an activity did; the application service turns each fact into an outbox event. */
public sealed interface ActivityFact {

    record Scheduled() implements ActivityFact {
    }

    record Changed() implements ActivityFact {
    }

    record Cancelled() implements ActivityFact {
    }

    record Confirmed(Entry entry) implements ActivityFact {
    }

    record Waitlisted(Entry entry, int position) implements ActivityFact {
    }

    record Promoted(Entry entry) implements ActivityFact {
    }

    record RegistrationCancelled(Entry entry) implements ActivityFact {
    }

    record Attendance(Entry entry, Participant participant, String sessionId, boolean present) implements ActivityFact {
    }

    record Headcount(int count, boolean approximate) implements ActivityFact {
    }
}
