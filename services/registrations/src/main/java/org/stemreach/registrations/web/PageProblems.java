package org.stemreach.registrations.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.stemreach.kit.web.ApiException;

/**
 * The pages' own answer to a problem (an unknown activity, a bad value in an ops form): a page in the reader's language,
 * with the same status, instead of the APIs' problem details (JSON). Before the kit's {@code ApiProblems}, for these
 * controllers only.
 */
@ControllerAdvice(assignableTypes = {TeacherPages.class, OpsPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblems {

    @ExceptionHandler(ApiException.class)
    ModelAndView problem(ApiException problem) {
        ModelAndView page = new ModelAndView("problem", problem.status());
        page.addObject("notFound", problem.status() == HttpStatus.NOT_FOUND);
        return page;
    }

    /** A form field that does not exist on the form (e.g. a team row beyond its last): a bad request, answered with a page. */
    @ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
    ModelAndView badField(org.springframework.beans.InvalidPropertyException problem) {
        ModelAndView page = new ModelAndView("problem", HttpStatus.BAD_REQUEST);
        page.addObject("notFound", false);
        return page;
    }
}
