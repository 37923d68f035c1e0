package org.stemreach.gateway.signin;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** However active, a session ends after its maximum age: the next request signs in again and reads the roles anew. */
class SessionLifetimeTest {

    private static MockHttpServletRequest requestIn(MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/registrations/ops/activities");
        request.setSession(session);
        return request;
    }

    @Test
    void aSessionOlderThanItsMaximumAgeEndsAndAYoungerOneGoesOn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Clock elevenHoursOn = Clock.offset(Clock.systemUTC(), Duration.ofHours(11));
        Clock nineHoursOn = Clock.offset(Clock.systemUTC(), Duration.ofHours(9));

        new SessionLifetime(Duration.ofHours(10), nineHoursOn).doFilter(requestIn(session), new MockHttpServletResponse(), new MockFilterChain());
        assertThat(session.isInvalid()).isFalse();

        MockFilterChain chain = new MockFilterChain();
        new SessionLifetime(Duration.ofHours(10), elevenHoursOn).doFilter(requestIn(session), new MockHttpServletResponse(), chain);
        assertThat(session.isInvalid()).isTrue();
        assertThat(chain.getRequest()).as("the request goes on, without its session").isNotNull();
    }
}
