package org.stemreach.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request body larger than the limit: 413 at once when its length is declared, and a {@link BodyTooLargeException}
 * while it is read when it is not (chunked), so no more than the limit is ever read. Multipart uploads have limits of
 * their own ({@code spring.servlet.multipart.*}) and pass.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long max;

    public BodyLimitFilter(long max) {
        this.max = max;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (max <= 0 || (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE))) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > max) {
            // Ahead of the security chain, which writes the other headers: this answer carries the essential one itself.
            response.setHeader("X-Content-Type-Options", "nosniff");
            ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "size", "Request too large", tooLarge());
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request, max), response);
    }

    private String tooLarge() {
        return "the request body is larger than " + (max >= 1024 * 1024 ? max / (1024 * 1024) + " MB" : max / 1024 + " KB")
                + " (stemreach.security.max-body-size)";
    }

    /** Read past the limit: the request is refused (413, {@code ApiProblems}). */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream limited;
        private java.io.BufferedReader reader;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new org.stemreach.web.LimitedServletInputStream(super.getInputStream(), limit,
                        () -> new BodyTooLargeException(tooLarge()));
            }
            return limited;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                java.nio.charset.Charset charset;
                try {
                    charset = encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding);
                } catch (IllegalArgumentException e) {
                    throw new java.io.UnsupportedEncodingException(encoding);
                }
                reader = new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }
}
