package org.stemreach.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UrlPathHelper;
import org.stemreach.gateway.GatewayProperties;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * The request-size limit for bodies that do not say their size. {@code requestSize} refuses a declared
 * {@code Content-Length} above a route's limit before anything is sent on; a chunked body (a streaming client) has none,
 * so this counts what is read of it on its way to the service and stops at the limit: the service gets an unfinished
 * body (which it cannot act on) and the caller a 413, as for a declared size.
 */
final class BodyLimit extends OncePerRequestFilter {

    private final List<GatewayProperties.Route> routes;
    /** For a path no route claims: the largest limit, so that no spelling of a path gets a body past every limit. */
    private final long largest;
    /** The path as the router matches it: decoded ({@code %63ontent} is {@code content}), without {@code ;parameters}. */
    private final UrlPathHelper paths = new UrlPathHelper();

    BodyLimit(GatewayProperties properties) {
        // The longest prefix first: a route under another's prefix is its own.
        this.routes = properties.routes().values().stream()
                .sorted(Comparator.comparingInt((GatewayProperties.Route route) -> route.prefix().length()).reversed()).toList();
        this.largest = routes.stream().mapToLong(route -> route.maxRequestSize().toBytes()).max().orElse(Long.MAX_VALUE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() >= 0) {
            chain.doFilter(request, response); // a declared size, which requestSize checks
            return;
        }
        String path = paths.getPathWithinApplication(request).replaceAll("/{2,}", "/");
        long limit = routes.stream().filter(candidate -> path.equals(candidate.prefix()) || path.startsWith(candidate.prefix() + "/"))
                .findFirst().map(route -> route.maxRequestSize().toBytes()).orElse(largest);
        chain.doFilter(new Limited(request, limit), response);
    }

    /** Answers a body stopped at the limit with 413, however the proxy's client reported the failed read. */
    static HandlerFilterFunction<ServerResponse, ServerResponse> tooLargeAnswered() {
        return (request, next) -> {
            try {
                return next.handle(request);
            } catch (Exception e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof TooLargeException tooLarge) {
                        ErrorResponseException refused = new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, e);
                        refused.setDetail(tooLarge.getMessage());
                        throw refused;
                    }
                }
                throw e;
            }
        };
    }

    /** Read past a route's limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the request body is larger than the " + limit + " bytes this service takes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new org.stemreach.web.LimitedServletInputStream(super.getInputStream(), limit, () -> new TooLargeException(limit));
            }
            return stream;
        }
    }
}
