package org.stemreach.registrations.registration;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A teacher's personal data, kept only here, under the opaque id every other service and event uses. One per
 * normalised e-mail address. Forgetting erases the personal fields; the id stays, linked to nobody.
 */
@Document("teachers")
public class Teacher implements HasOutbox {

    @Id
    private String id;
    /** Prefix of {@link #emailKey} once the teacher is forgotten. */
    static final String FORGOTTEN_KEY_PREFIX = "forgotten:";
    /** The normalised e-mail address, unique; {@code forgotten:<id>} once forgotten. */
    @Indexed(unique = true)
    private String emailKey;
    private String email;
    private String name;
    private String school;
    private String role;
    private Instant consentAt;
    private Instant forgottenAt;
    /** Set when the teacher asked to be forgotten, before their waiting places are given up: no mail reaches them any more. */
    private Instant forgettingSince;
    /** The generation of the teacher's personal links: each new link asked for replaces the ones mailed before. */
    private long linkGeneration;
    private List<OutboxEvent> outbox = new ArrayList<>();

    protected Teacher() {
    }

    public static String normalise(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }


    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String school() {
        return school;
    }

    public String role() {
        return role;
    }

    public long linkGeneration() {
        return linkGeneration;
    }

    public boolean isForgotten() {
        return forgottenAt != null;
    }

    /**
     * Whether mails may reach this teacher: known, with an address, and not forgotten nor being forgotten. A forget stopped
     * halfway (its marker older than a forget takes, {@link TeacherDirectory#FORGET_UNDER_WAY}) stops no mail, as it
     * refuses no registration: the teacher is known as before until they ask again.
     */
    public boolean isReachable(Instant now) {
        return forgottenAt == null && email != null
                && (forgettingSince == null || forgettingSince.isBefore(now.minus(TeacherDirectory.FORGET_UNDER_WAY)));
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
