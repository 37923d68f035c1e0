package org.stemreach.gateway.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * A session ends after {@code stemreach.gateway.session-max-age} (default 10 hours) however active it is: the next
 * request signs in again, and so picks up roles changed or taken away at the identity provider since (they are read at
 * sign-in). The 30-minute idle timeout ends quiet sessions sooner. Before Spring Security, which then sees no session.
 */
@Component
class SessionLifetime extends OncePerRequestFilter implements Ordered {

    private final Duration maxAge;
    private final Clock clock;

    @Autowired
    SessionLifetime(@Value("${stemreach.gateway.session-max-age:10h}") Duration maxAge) {
        this(maxAge, Clock.systemUTC());
    }

    SessionLifetime(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && clock.millis() - session.getCreationTime() > maxAge.toMillis()) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;
    }
}
