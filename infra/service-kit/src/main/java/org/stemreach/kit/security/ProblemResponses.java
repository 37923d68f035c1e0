package org.stemreach.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes RFC 9457 problem details from servlet filters (before Spring MVC's handlers are involved). */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /**
     * The request attribute that tells the error page (web-assets' {@code error.html}) why a page request was refused:
     * {@code csrf} (a form older than its token), {@code rate} (too many in a row; {@code stemreachRetryAfter} the
     * seconds), {@code size} (too large); none for a refusal the status says enough about (not signed in, no access).
     * A request attribute is a variable of the page.
     */
    public static final String REASON = "stemreachRefusal";
    static final String RETRY_AFTER = "stemreachRetryAfter";

    /**
     * The refusal as a page for a browser asking for one (a form sent without script, a link followed), through the
     * service's error page in its layout and both languages; else as problem details.
     */
    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String reason, String title,
                      String detail) throws IOException {
        if (wantsPage(request) && !response.isCommitted()) {
            request.setAttribute(REASON, reason);
            response.sendError(status.value());
            return;
        }
        write(response, status, title, detail);
    }

    /** A browser's request for a page: HTML accepted, and not an address of the JSON API. */
    public static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !request.getRequestURI().contains("/api/");
    }

    static void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + escape(detail) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
