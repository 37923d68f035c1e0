package org.stemreach.downloads.project;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.stemreach.downloads.external.OpsFigurePages;
import org.stemreach.kit.web.ApiException;

/**
 * The operations pages' own answer to a problem (a project not found or of another network, no access, the database
 * away): a page in the reader's language with the same status, instead of the API's problem details.
 */
@ControllerAdvice(assignableTypes = {OpsProjectPages.class, OpsFigurePages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpsPageProblems {

    @ExceptionHandler(ApiException.class)
    ModelAndView problem(ApiException problem) {
        ModelAndView page = new ModelAndView("ops/problem", problem.status());
        int status = problem.status().value();
        page.addObject("message", status == 404 ? "ops.problem.notFound" : status == 403 || status == 401 ? "ops.problem.forbidden"
                : status == 503 ? "ops.problem.unavailable" : status >= 500 ? "ops.problem.failed" : "ops.problem.badRequest");
        return page;
    }

    /** Someone else changed the project at the same moment (an upload, publishing): nothing of this was saved. */
    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ModelAndView changedMeanwhile() {
        ModelAndView page = new ModelAndView("ops/problem", org.springframework.http.HttpStatus.CONFLICT);
        page.addObject("message", "ops.problem.changedMeanwhile");
        return page;
    }
}
