package org.stemreach.kit.security;

import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyLimitFilterTest {

    private final BodyLimitFilter filter = new BodyLimitFilter(1024);

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeAnythingReadsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/ops/imports");
        request.setContentType("text/csv");
        request.setContent(new byte[2048]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<ServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> passed.set(req));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(passed.get()).as("never handed on").isNull();
    }

    @Test
    void aBodyOfUndeclaredLengthIsReadUpToTheLimitAndNoFurther() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/ops/imports") {
            @Override
            public long getContentLengthLong() {
                return -1; // as Tomcat says for a chunked body
            }
        };
        chunked.setContentType("text/csv");
        chunked.setContent(new byte[4096]);
        AtomicReference<ServletRequest> passed = new AtomicReference<>();

        filter.doFilter(chunked, new MockHttpServletResponse(), (req, res) -> passed.set(req));

        assertThatThrownBy(() -> passed.get().getInputStream().readAllBytes()).isInstanceOf(BodyLimitFilter.BodyTooLargeException.class);
    }

    @Test
    void smallBodiesAndMultipartUploadsPass() throws Exception {
        MockHttpServletRequest small = new MockHttpServletRequest("POST", "/api/activities/a/registrations");
        small.setContentType("application/json");
        small.setContent(new byte[100]);
        MockHttpServletRequest upload = new MockHttpServletRequest("PUT", "/api/projects/p/assets/material");
        upload.setContentType("multipart/form-data; boundary=x");
        upload.setContent(new byte[4096]);
        AtomicReference<ServletRequest> passed = new AtomicReference<>();

        filter.doFilter(small, new MockHttpServletResponse(), (req, res) -> passed.set(req));
        assertThat(passed.get().getInputStream().readAllBytes()).hasSize(100);
        filter.doFilter(upload, new MockHttpServletResponse(), (req, res) -> passed.set(req));
        assertThat(passed.get()).isSameAs(upload);
    }
}
