package org.stemreach.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.ServerRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client sends that only the gateway may say never reaches a service: its identity, session and forwarding chain. */
class IdentityRelayTest {

    @Test
    void theGatewaysSessionCookieStaysHereWhateverItIsNamedAndTheClientsIdentityAndChainAreDropped() {
        MockHttpServletRequest client = new MockHttpServletRequest("GET", "/registrations/activities");
        client.addHeader(HttpHeaders.COOKIE, "__Host-SESSION=secret; XSRF-TOKEN=t; lang=nl");
        client.addHeader(HttpHeaders.AUTHORIZATION, "Bearer forged");
        client.addHeader("X-Forwarded-For", "203.0.113.9");
        client.addHeader("Forwarded", "for=203.0.113.9");

        ServerRequest relayed = new IdentityRelay(null, "__Host-SESSION")
                .apply(ServerRequest.create(client, List.of(new StringHttpMessageConverter())));

        assertThat(relayed.headers().header(HttpHeaders.COOKIE)).containsExactly("XSRF-TOKEN=t; lang=nl");
        assertThat(relayed.headers().header(HttpHeaders.AUTHORIZATION)).isEmpty();
        assertThat(relayed.headers().header("X-Forwarded-For")).isEmpty();
        assertThat(relayed.headers().header("Forwarded")).isEmpty();
    }
}
