package org.stemreach.gateway.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's own refusals as problem documents ({@code application/problem+json}), as the services write theirs,
 * for requests that are not a browser asking for a page (those get the sign-in page or the error page).
 */
final class Problems {

    private Problems() {
    }

    /** A request that does not ask for HTML: a script, or a page's own fetch. */
    static boolean notAPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    /** 403: a state-changing request without the CSRF token, or a signed-in user without the role. */
    static AccessDeniedHandler accessDenied() {
        return (request, response, denied) -> write(response, 403, "Forbidden", denied instanceof CsrfException
                ? "De CSRF-token ontbreekt of klopt niet: stuur de waarde van het cookie XSRF-TOKEN mee in de header X-XSRF-TOKEN. "
                + "/ The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header."
                : "Je hebt geen toegang tot deze pagina. / You may not use this page.");
    }

    /** 401 with the HTTP Basic challenge: a script without (valid) credentials. */
    static AuthenticationEntryPoint basicChallenge() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"STEM Reach\"");
            write(response, 401, "Unauthorized", "Meld je aan (HTTP Basic, of via de aanmeldpagina). / Sign in (HTTP Basic, or on the sign-in page).");
        };
    }

    /** Writes a problem document whose texts are the gateway's own (never request data: nothing to escape but quotes). */
    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}");
    }
}
