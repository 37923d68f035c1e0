package org.stemreach.registrations.activity;

/**
 * A rule of shared/domain.md refused a change. The {@link Rule} names it (for localised messages and
 * problem details); the message says it in English.
 */
public class ActivityRuleException extends RuntimeException {

    public enum Rule {
        NOT_PUBLISHED, ACTIVITY_CANCELLED, REGISTRATION_NOT_OPEN_YET, REGISTRATION_CLOSED,
        TEAM_REQUIRED, INDIVIDUAL_ONLY, TEAM_TOO_SMALL, TEAM_TOO_LARGE, TEAM_COMPOSITION, DUPLICATE_TEACHER_IN_TEAM,
        UNKNOWN_SESSION, UNKNOWN_REGISTRATION, NOT_A_PARTICIPANT, ALREADY_CANCELLED, INVALID_ACTIVITY, HEADCOUNT_NEGATIVE,
        CAPACITY_BELOW_CONFIRMED, TEACHER_ALREADY_REGISTERED, SESSION_HAS_ATTENDANCE, ACTIVITY_BEGUN,
        TEAM_CANCELLED_BY_NETWORK, SESSION_NOT_HELD_YET, PARTICIPATION_RECORDED,
        TEACHER_BEING_FORGOTTEN, NEW_NETWORK_NOT_CONFIRMED
    }

    private final Rule rule;

    public ActivityRuleException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
