package org.stemreach.kit.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTest {

    private final RateLimitFilter filter = new RateLimitFilter(request -> true, 2, new SimpleMeterRegistry());

    @Test
    void aClientOverItsLimitIsAnswered429WithRetryAfter() throws Exception {
        assertThat(send("203.0.113.7").getStatus()).isEqualTo(200);
        assertThat(send("203.0.113.7").getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = send("203.0.113.7");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(send("203.0.113.8").getStatus()).as("another client has its own allowance").isEqualTo(200);
    }

    @Test
    void anIPv6ClientIsCountedByItsSlash64NotByEachAddressItTakes() throws Exception {
        assertThat(send("2001:db8:1:2::1").getStatus()).isEqualTo(200);
        assertThat(send("2001:db8:1:2::2").getStatus()).isEqualTo(200);

        assertThat(send("2001:db8:1:2:aaaa:bbbb:cccc:dddd").getStatus()).isEqualTo(429);
        assertThat(send("2001:db8:1:3::1").getStatus()).as("the next /64 is another client").isEqualTo(200);
    }

    private MockHttpServletResponse send(String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/registrations");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
