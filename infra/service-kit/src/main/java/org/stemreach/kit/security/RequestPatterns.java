package org.stemreach.kit.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;

/** Turns {@code "/path/**"} and {@code "GET /path/**"} entries into request matchers. */
final class RequestPatterns {

    private RequestPatterns() {
    }

    static RequestMatcher of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return request -> false;
        }
        List<RequestMatcher> matchers = patterns.stream().map(RequestPatterns::one).toList();
        return new OrRequestMatcher(matchers);
    }

    private static RequestMatcher one(String pattern) {
        String[] parts = pattern.strip().split("\\s+", 2);
        if (parts.length == 2) {
            return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.valueOf(parts[0]), parts[1]);
        }
        return PathPatternRequestMatcher.withDefaults().matcher(parts[0]);
    }
}
