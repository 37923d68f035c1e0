package org.stemreach.registrations.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.stemreach.kit.web.ApiException;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.ActivityRuleException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages' own answer to a problem (an unknown activity, a bad value in an ops form, a rule that refuses a form): a
 * page in the reader's language,
 * with the same status, instead of the APIs' problem details (JSON). Before the kit's {@code ApiProblems}, for these
 * controllers only.
 */
@ControllerAdvice(assignableTypes = {TeacherPages.class, OpsPages.class, PlanPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblems {

    @ExceptionHandler(ApiException.class)
    ModelAndView problem(ApiException problem, HttpServletRequest request) {
        return page(problem.status(), messageFor(problem.status()), request);
    }

    /** The words for a status: not found; the service unable for now (try the same again); not allowed; else the form. */
    static String messageFor(org.springframework.http.HttpStatusCode status) {
        if (status.value() == 404) {
            return "problem.notFound";
        }
        if (status.value() == 503) {
            return "problem.unavailable";
        }
        if (status.value() == 401 || status.value() == 403) {
            return "problem.forbidden";
        }
        return status.is5xxServerError() ? "problem.failed" : "problem.badRequest";
    }

    /** A form field that does not exist on the form (e.g. a team row beyond its last): a bad request, answered with a page. */
    @ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
    ModelAndView badField(org.springframework.beans.InvalidPropertyException problem, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "problem.badRequest", request);
    }

    /** A rule that refuses what a page's form asked (e.g. a headcount on a cancelled activity): the rule, in words. */
    @ExceptionHandler(ActivityRuleException.class)
    ModelAndView rule(ActivityRuleException refused, HttpServletRequest request) {
        return page(RegistrationProblems.status(refused.rule()), "rule." + refused.rule().name(), request);
    }

    @ExceptionHandler(Activities.UnknownActivityException.class)
    ModelAndView unknown(Activities.UnknownActivityException unknown, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "problem.notFound", request);
    }

    private static ModelAndView page(org.springframework.http.HttpStatusCode status, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("problem", status);
        page.addObject("message", message);
        String[] back = backTo(request.getServletPath(), request.getParameter("token"), status.value() == 404);
        page.addObject("back", back[0]);
        page.addObject("backText", back[1]);
        return page;
    }

    private static final Pattern OPS_ACTIVITY = Pattern.compile("^/ops/activities/([A-Za-z0-9_-]{1,100})(/.*)?$");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.~-]{1,1000}");

    /**
     * Where the reader goes on from a problem, with the words for the link: the ops activity they were working on, their
     * own registrations (a personal link's action), the ops list, or else the activities.
     */
    static String[] backTo(String path, String token, boolean notFound) {
        Matcher activity = OPS_ACTIVITY.matcher(path == null ? "" : path);
        // Not back to an activity that was not found (or is not the reader's): that page is this one.
        if (activity.matches() && !notFound && !activity.group(1).equals("new")) {
            return new String[]{"/ops/activities/" + activity.group(1), "problem.back.activity"};
        }
        if (path != null && path.startsWith("/ops/")) {
            return new String[]{"/ops/activities", "problem.back.ops"};
        }
        if (path != null && path.startsWith("/my") && token != null && TOKEN.matcher(token).matches()) {
            return new String[]{"/my?token=" + token, "problem.back.my"};
        }
        return new String[]{"/activities", "problem.back"};
    }
}
