package org.stemreach.registrations.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.ActivityRuleException;
import org.stemreach.registrations.registration.PersonalLinks;

/** The registrations domain's refusals as problem details for the JSON APIs; the {@code rule} property names the rule. */
@RestControllerAdvice(basePackages = "org.stemreach.registrations")
public class RegistrationProblems {

    @ExceptionHandler(ActivityRuleException.class)
    ProblemDetail rule(ActivityRuleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(e.rule()), e.getMessage());
        problem.setTitle(title(e.rule()));
        problem.setProperty("rule", e.rule().name());
        return problem;
    }

    @ExceptionHandler(Activities.UnknownActivityException.class)
    ProblemDetail unknown(Activities.UnknownActivityException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Activity not found");
        return problem;
    }

    @ExceptionHandler(PersonalLinks.InvalidLinkException.class)
    ProblemDetail link(PersonalLinks.InvalidLinkException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage()
                + "; ask for a new link with your e-mail address (POST /api/my/link, or the page /my/link)");
        problem.setTitle("Personal link not valid");
        return problem;
    }

    public static HttpStatus status(ActivityRuleException.Rule rule) {
        return switch (rule) {
            case REGISTRATION_CLOSED, REGISTRATION_NOT_OPEN_YET, NOT_PUBLISHED, ACTIVITY_CANCELLED, ALREADY_CANCELLED, CAPACITY_BELOW_CONFIRMED, TEACHER_ALREADY_REGISTERED,
                 SESSION_HAS_ATTENDANCE, ACTIVITY_BEGUN, TEAM_CANCELLED_BY_NETWORK, SESSION_NOT_HELD_YET, PARTICIPATION_RECORDED,
                 TEACHER_BEING_FORGOTTEN -> HttpStatus.CONFLICT;
            case UNKNOWN_REGISTRATION -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    private static String title(ActivityRuleException.Rule rule) {
        return switch (rule) {
            case REGISTRATION_CLOSED, REGISTRATION_NOT_OPEN_YET -> "Registration is not open";
            case TEAM_COMPOSITION, TEAM_TOO_SMALL, TEAM_TOO_LARGE, DUPLICATE_TEACHER_IN_TEAM, TEAM_REQUIRED, INDIVIDUAL_ONLY ->
                    "Registration does not fit the activity";
            case INVALID_ACTIVITY -> "Invalid activity";
            default -> "Request refused";
        };
    }
}
