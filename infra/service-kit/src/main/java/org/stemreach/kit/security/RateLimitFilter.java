package org.stemreach.kit.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.stemreach.web.ClientAddresses;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Limits public requests per client (its address, as forwarded by the gateway; an IPv6 client by its /64, as the
 * gateway counts it, since one subscriber usually holds a whole /64): over the limit the answer is 429 with
 * {@code Retry-After}. Buckets live in memory, at most {@value #MAX_CLIENTS} clients.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    static final int MAX_CLIENTS = 50_000;

    private final RequestMatcher limited;
    private final int perMinute;
    private final Counter refused;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public RateLimitFilter(RequestMatcher limited, int perMinute, MeterRegistry meters) {
        this.limited = limited;
        this.perMinute = perMinute;
        this.refused = Counter.builder("stemreach.http.rate.limited").description("requests refused by the rate limit").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (perMinute <= 0 || !limited.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = bucket(ClientAddresses.limitKey(request.getRemoteAddr())).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        request.setAttribute(ProblemResponses.RETRY_AFTER, seconds);
        ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate", "Too many requests",
                "Te veel aanvragen na elkaar. Probeer opnieuw over " + seconds + " seconden. / Too many requests; try again in "
                        + seconds + " seconds.");
    }

    private Bucket bucket(String client) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(client, key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build());
        }
    }
}
