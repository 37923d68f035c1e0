package org.stemreach.kit.web;

import jakarta.validation.ConstraintViolationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * Turns the kit's and the domain's refusals into RFC 9457 problem details. Spring MVC's own errors
 * (malformed JSON, missing parameters, validation of request bodies) are answered as problem details by Spring Boot
 * ({@code spring.mvc.problemdetails.enabled=true}); oversized uploads here, with a page for a browser's form.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

    /**
     * A refusal as problem details; for a browser asking for a page that has no page of its own for problems (e.g. the
     * analytics report for a user without a network), the service's error page with the same status, in both languages.
     */
    @ExceptionHandler(ApiException.class)
    Object api(ApiException e, jakarta.servlet.http.HttpServletRequest request) {
        if (org.stemreach.kit.security.ProblemResponses.wantsPage(request) && PAGES) {
            org.springframework.web.servlet.ModelAndView page = new org.springframework.web.servlet.ModelAndView("error", e.status());
            page.addObject("status", e.status().value());
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraints(ConstraintViolationException e) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", errors));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Says what is wrong with an unreadable body (never echoing the body itself). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof org.stemreach.kit.security.BodyLimitFilter.BodyTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
                problem.setTitle("Request too large");
                return problem;
            }
        }
        String reason = "the request body is not valid JSON for this request";
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                String path = jackson.getPathReference();
                reason = reason + ": " + jackson.getOriginalMessage() + (path == null ? "" : " (at " + path + ")");
                break;
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, truncate(reason));
        problem.setTitle("Unreadable request");
        return problem;
    }

    private static String truncate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** Someone else changed the same thing at the same moment: nothing was written, the client may try again. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Changed meanwhile");
        return problem;
    }

    /**
     * A value this service accepted but its event's contract does not (a safety net: the request's own validation should
     * have refused it). Nothing was written: the event is built before the state that carries it is saved.
     */
    @ExceptionHandler(org.stemreach.kit.events.EventSchemas.ContractViolationException.class)
    ProblemDetail contractViolation(org.stemreach.kit.events.EventSchemas.ContractViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, truncate(e.getMessage()));
        problem.setTitle("Not a valid value for the platform's events");
        return problem;
    }

    /**
     * An upload above the multipart limits ({@code spring.servlet.multipart.*}), refused before any controller: problem
     * details, or for a browser's form the service's error page saying it was too large (in both languages).
     */
    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    Object uploadTooLarge(jakarta.servlet.http.HttpServletRequest request) {
        if (org.stemreach.kit.security.ProblemResponses.wantsPage(request) && PAGES) {
            // Rendered here: the container renders no error page for a request whose body it stopped reading.
            request.setAttribute(org.stemreach.kit.security.ProblemResponses.REASON, "size");
            org.springframework.web.servlet.ModelAndView page = new org.springframework.web.servlet.ModelAndView("error", HttpStatus.CONTENT_TOO_LARGE);
            page.addObject("status", HttpStatus.CONTENT_TOO_LARGE.value());
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than this service accepts; nothing was stored.");
        problem.setTitle("Upload too large");
        return org.springframework.http.ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    /** Whether this service renders pages (the web assets' error page among them). */
    private static final boolean PAGES = org.springframework.util.ClassUtils.isPresent("org.thymeleaf.spring6.SpringTemplateEngine",
            ApiProblems.class.getClassLoader());

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }
}
