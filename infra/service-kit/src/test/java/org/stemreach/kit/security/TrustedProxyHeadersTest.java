package org.stemreach.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxyHeadersTest {

    private final TrustedProxyHeaders filter = new TrustedProxyHeaders(List.of("172.28.0.10/32", "::1/128"));

    private HttpServletRequest seenFrom(String peer) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/activities");
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        request.addHeader("X-Forwarded-Host", "stemreach.example");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Prefix", "/registrations");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }

    @Test
    void theGatewaysForwardedHeadersAreBelieved() throws Exception {
        HttpServletRequest request = seenFrom("172.28.0.10");

        assertThat(request.getRemoteAddr()).isEqualTo("203.0.113.9");
        assertThat(request.getScheme()).isEqualTo("https");
        assertThat(request.getServerName()).isEqualTo("stemreach.example");
        assertThat(request.getRequestURI()).isEqualTo("/registrations/activities");
        assertThat(seenFrom("0:0:0:0:0:0:0:1").getRemoteAddr()).as("IPv6 loopback, as Tomcat writes it").isEqualTo("203.0.113.9");
    }

    @Test
    void anyoneElsesAreDroppedSoNoCallerNamesAnotherAddress() throws Exception {
        HttpServletRequest request = seenFrom("172.28.0.11");

        assertThat(request.getRemoteAddr()).isEqualTo("172.28.0.11");
        assertThat(request.getScheme()).isEqualTo("http");
        assertThat(request.getRequestURI()).isEqualTo("/activities");
        assertThat(request.getHeader("X-Forwarded-For")).as("nothing later can read them either").isNull();
        assertThat(request.getHeader("X-Forwarded-Prefix")).isNull();
    }

    @Test
    void proxiesAreAddressesNeverHostNames() {
        assertThatThrownBy(() -> new TrustedProxyHeaders(List.of("gateway"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway");
        assertThat(new TrustedProxyHeaders(List.of("10.0.0.0/8", " ", "fd00::/8")).trusts("fd00::5")).isTrue();
        assertThat(new TrustedProxyHeaders(List.of()).trusts("127.0.0.1")).as("none named, none believed").isFalse();
    }
}
