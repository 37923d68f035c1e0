package org.stemreach.gateway.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing: after {@value #FAILURES} wrong passwords from one address within
 * {@link #PERIOD}, sign-in attempts from it (the login form, HTTP Basic) are refused with 429 and {@code Retry-After}
 * until the period lets one more through. Runs before Spring Security's filters (order -100), so a refused attempt
 * never reaches the password check. Each attempt takes one try before its password is checked and gives it back unless
 * the password was wrong: attempts sent side by side cannot all pass while the first ones are still being checked.
 */
@Component
@Order(-101)
public class SignInThrottle extends OncePerRequestFilter {

    public static final int FAILURES = 10;
    static final Duration PERIOD = Duration.ofMinutes(10);

    private final Cache<String, Bucket> failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(PERIOD).build();
    private final Counter refused;

    public SignInThrottle(MeterRegistry meters) {
        this.refused = Counter.builder("stemreach.gateway.signin.throttled").description("sign-in attempts refused after too many wrong passwords")
                .register(meters);
    }

    /** The try this thread's attempt took, until its password is checked (then kept if wrong, given back if not). */
    private static final ThreadLocal<Bucket> TAKEN = new ThreadLocal<>();

    @EventListener
    void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
        if (TAKEN.get() != null) {
            TAKEN.remove(); // the attempt's try stays taken
        } else if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            bucketOf(details.getRemoteAddress()).tryConsume(1); // a check this filter did not see begin
        }
    }

    @EventListener
    void rightPassword(AuthenticationSuccessEvent event) {
        giveBack();
    }

    private static void giveBack() {
        Bucket taken = TAKEN.get();
        if (taken != null) {
            TAKEN.remove();
            taken.addTokens(1);
        }
    }

    /** By address, an IPv6 client by its /64 ({@link org.stemreach.web.ClientAddresses}). */
    private Bucket bucketOf(String address) {
        return failures.get(org.stemreach.web.ClientAddresses.limitKey(address), a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(FAILURES).refillGreedy(FAILURES, PERIOD).build()).build());
    }

    /** Forgets the wrong passwords of an address (e.g. once an administrator has checked who it was). */
    public void forget(String address) {
        failures.invalidate(org.stemreach.web.ClientAddresses.limitKey(address));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!attempt(request)) {
            chain.doFilter(request, response);
            return;
        }
        Bucket bucket = bucketOf(request.getRemoteAddr());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            TAKEN.set(bucket);
            try {
                chain.doFilter(request, response);
            } finally {
                giveBack(); // no password was checked (e.g. a refused CSRF token), or it was right
            }
            return;
        }
        refused.increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        if ("POST".equals(request.getMethod()) && !Problems.notAPage(request)) {
            // The sign-in form in a browser: back to it, saying how long to wait (not a JSON document for a person).
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
            return;
        }
        Problems.write(response, 429, "Too many sign-in attempts", "Te veel foute wachtwoorden. Probeer opnieuw over " + seconds
                + " seconden. / Too many wrong passwords; try again in " + seconds + " seconds.");
    }

    private static boolean attempt(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()))
                // As Spring's Basic converter reads it: "Basic" in any case, whatever follows (a tab, or nothing but the value).
                || (authorization != null && authorization.strip().regionMatches(true, 0, "Basic", 0, 5));
    }
}
