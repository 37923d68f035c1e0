package org.stemreach.gateway.routing;

import org.stemreach.web.ClientAddresses;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.util.UriUtils;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.stemreach.gateway.GatewayProperties;
import org.stemreach.gateway.identity.TokenMinter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.requestSize;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.stripPrefix;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.Bucket4jFilterFunctions.rateLimit;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

/**
 * One route per downstream service ({@code stemreach.gateway.routes}): everything under its prefix goes to
 * the service with the prefix stripped (the service learns it from {@code X-Forwarded-Prefix}), within the
 * request-size limit (declared, or counted for chunked bodies: {@link BodyLimit}), with the caller's identity relayed, rate-limited per client.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

    @Bean
    RouterFunction<ServerResponse> routesToServices(GatewayProperties properties, TokenMinter minter,
                                                    @org.springframework.beans.factory.annotation.Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
        RouterFunction<ServerResponse> all = null;
        for (Map.Entry<String, GatewayProperties.Route> entry : properties.routes().entrySet()) {
            GatewayProperties.Route target = entry.getValue();
            RouterFunction<ServerResponse> one = route(entry.getKey())
                    .route(path(target.prefix(), target.prefix() + "/**"), http())
                    // Outermost: the rate limiter adds its headers to what comes back, and this answer's cannot change.
                    .filter(whenTheServiceDoesNotAnswer(entry.getKey()))
                    .filter(retryAfterWhenLimited(properties.publicRequestsPerMinute()))
                    .filter(rateLimit(config -> config
                            .setCapacity(properties.publicRequestsPerMinute())
                            .setPeriod(Duration.ofMinutes(1))
                            .setKeyResolver(ServiceRoutes::client)))
                    .filter(ServiceRoutes::passedTheLimiter)
                    .filter(notTheServicesActuator(target.prefix()))
                    .filter(BodyLimit.tooLargeAnswered())
                    .before(requestSize(target.maxRequestSize()))
                    .before(uri(target.uri()))
                    .before(stripPrefix(1))
                    .before(new IdentityRelay(minter, sessionCookie))
                    .build();
            all = all == null ? one : all.and(one);
        }
        if (all == null) {
            throw new IllegalStateException("stemreach.gateway.routes is empty: the gateway has nothing to route to");
        }
        return all;
    }

    /** Signed-in users have a bucket of their own; anonymous visitors one per address. */
    private static String client(ServerRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "user:" + authentication.getName();
        }
        return "address:" + ClientAddresses.limitKey(request.servletRequest().getRemoteAddr());
    }

    /** Set on a request the rate limiter let through: a 429 it comes back with is the service's own. */
    private static final String PASSED_LIMITER = ServiceRoutes.class.getName() + ".passedLimiter";

    private static ServerResponse passedTheLimiter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        request.attributes().put(PASSED_LIMITER, Boolean.TRUE);
        return next.handle(request);
    }

    /**
     * A service's actuator (its metrics, health details) is for Prometheus and the platform on the inside, which reach the
     * service directly: through the gateway it is not found.
     */
    private static HandlerFilterFunction<ServerResponse, ServerResponse> notTheServicesActuator(String prefix) {
        String actuator = prefix + "/actuator";
        return (request, next) -> {
            // As the service will read it: decoded (%61ctuator is actuator), without ;parameters in its segments.
            StringBuilder decoded = new StringBuilder();
            for (String segment : request.requestPath().pathWithinApplication().value().split("/", -1)) {
                int parameters = segment.indexOf(';');
                decoded.append(decoded.isEmpty() && segment.isEmpty() ? "" : "/")
                        .append(UriUtils.decode(parameters < 0 ? segment : segment.substring(0, parameters), StandardCharsets.UTF_8));
            }
            String path = decoded.toString().replaceAll("/{2,}", "/");
            if (path.equals(actuator) || path.startsWith(actuator + "/")) {
                throw new ErrorResponseException(HttpStatus.NOT_FOUND);
            }
            return next.handle(request);
        };
    }

    /**
     * The rate limiter answers 429 without saying when to come back; this adds {@code Retry-After}. A service's own 429
     * (its own limits, e.g. registrations per address) passes through as the service sent it.
     */
    private static HandlerFilterFunction<ServerResponse, ServerResponse> retryAfterWhenLimited(int perMinute) {
        // Tokens come back evenly over the minute: one is available again after 60 / capacity seconds.
        String seconds = String.valueOf(Math.max(1, (int) Math.ceil(60.0 / Math.max(1, perMinute))));
        return (request, next) -> {
            ServerResponse response = next.handle(request);
            if (response.statusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value() || request.attributes().containsKey(PASSED_LIMITER)) {
                return response;
            }
            if (wantsPage(request)) {
                return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds)
                        .render("error", Map.of("status", 429, "stemreachRefusal", "rate", "stemreachRetryAfter", seconds));
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Te veel verzoeken na elkaar. "
                    + "Probeer opnieuw over " + seconds + " seconden. / Too many requests; try again in " + seconds + " seconds.");
            problem.setTitle("Too many requests");
            return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .headers(headers -> {
                        headers.addAll(response.headers());
                        headers.remove(HttpHeaders.CONTENT_LENGTH);
                    })
                    .header(HttpHeaders.RETRY_AFTER, seconds)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        };
    }

    /**
     * A browser's request for a page (HTML accepted, not an address of a JSON API): a refusal is a page in the layout and
     * both languages (web-assets' {@code error.html}), not problem details shown as text.
     */
    static boolean wantsPage(ServerRequest request) {
        return request.headers().accept().stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType())
                && !request.path().contains("/api/");
    }

    /** Whether the request never reached the service (nothing listens, no such host, no connection in time). */
    static boolean notReached(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.http.HttpConnectTimeoutException || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A service that does not answer (stopped, restarting, unreachable) is a 503 problem with {@code Retry-After}, not the
     * gateway's own 500; one that took the request and then failed to answer it whole is a 502, without it.
     */
    static HandlerFilterFunction<ServerResponse, ServerResponse> whenTheServiceDoesNotAnswer(String service) {
        return (request, next) -> {
            try {
                return next.handle(request);
            } catch (ResourceAccessException e) {
                if (!notReached(e)) {
                    // Sent, then lost (a reset, a timeout): the service may have acted on it, so no invitation to send it again.
                    if (wantsPage(request)) {
                        return ServerResponse.status(HttpStatus.BAD_GATEWAY).render("error", Map.of("status", 502));
                    }
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "De dienst " + service
                            + " gaf geen volledig antwoord. / The " + service + " service did not answer completely.");
                    problem.setTitle("Bad gateway");
                    return ServerResponse.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
                }
                if (wantsPage(request)) {
                    return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                            .render("error", Map.of("status", 503));
                }
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "De dienst " + service
                        + " antwoordt nu niet. Probeer het zo opnieuw. / The " + service + " service does not answer; try again shortly.");
                problem.setTitle("Service unavailable");
                return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
            }
        };
    }

    /** The same limit for bodies without a declared size (chunked), counted as they are read. */
    @Bean
    FilterRegistrationBean<BodyLimit> bodyLimit(GatewayProperties properties) {
        return new FilterRegistrationBean<>(new BodyLimit(properties));
    }

    @Bean
    AsyncProxyManager<String> rateLimitBuckets() {
        return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(100_000))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(2)))
                .build().asAsync();
    }
}
