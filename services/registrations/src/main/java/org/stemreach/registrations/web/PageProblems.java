package org.stemreach.registrations.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.stemreach.kit.web.ApiException;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.ActivityRuleException;

/**
 * The pages' own answer to a problem (an unknown activity, a bad value in an ops form, a rule that refuses a form): a
 * page in the reader's language,
 * with the same status, instead of the APIs' problem details (JSON). Before the kit's {@code ApiProblems}, for these
 * controllers only.
 */
@ControllerAdvice(assignableTypes = {TeacherPages.class, OpsPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblems {

    @ExceptionHandler(ApiException.class)
    ModelAndView problem(ApiException problem) {
        return page(problem.status(), problem.status() == HttpStatus.NOT_FOUND ? "problem.notFound" : "problem.badRequest");
    }

    /** A form field that does not exist on the form (e.g. a team row beyond its last): a bad request, answered with a page. */
    @ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
    ModelAndView badField(org.springframework.beans.InvalidPropertyException problem) {
        return page(HttpStatus.BAD_REQUEST, "problem.badRequest");
    }

    /** A rule that refuses what a page's form asked (e.g. a headcount on a cancelled activity): the rule, in words. */
    @ExceptionHandler(ActivityRuleException.class)
    ModelAndView rule(ActivityRuleException refused) {
        return page(RegistrationProblems.status(refused.rule()), "rule." + refused.rule().name());
    }

    @ExceptionHandler(Activities.UnknownActivityException.class)
    ModelAndView unknown(Activities.UnknownActivityException unknown) {
        return page(HttpStatus.NOT_FOUND, "problem.notFound");
    }

    private static ModelAndView page(org.springframework.http.HttpStatusCode status, String message) {
        ModelAndView page = new ModelAndView("problem", status);
        page.addObject("message", message);
        return page;
    }
}
