package org.stemreach.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway behind a TLS proxy that it is told to trust (here: this machine): the client address and scheme the proxy
 * forwards are the ones the services hear of (and the limits count by). {@code GatewayIT} shows the default: no
 * forwarded address is believed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "STEMREACH_FORWARD_HEADERS=native", "STEMREACH_TRUSTED_PROXIES=127.0.0.0/8, ::1/128",
        // Behind a proxy the development users are refused (GatewaySecurity): a user with a password of its own instead.
        "stemreach.gateway.users[0].username=proxy-tester",
        "stemreach.gateway.users[0].password={bcrypt}$2a$04$NSAvoVmaHn1JcWalnPeFQeBA4L3YSrLoS6Lfyctqrp5YISb8ysoYC",
        "stemreach.gateway.users[0].name=Proxy tester", "stemreach.gateway.users[0].roles=ADMIN"})
class BehindAProxyIT {

    static final FakeService downstream = new FakeService();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("stemreach.gateway.routes.registrations.uri", downstream::uri);
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theAddressAndSchemeTheTrustedProxyForwardsReachTheServices() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/registrations/activities"))
                .header("X-Forwarded-For", "198.51.100.20").header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        FakeService.Received received = downstream.last();
        assertThat(received.headers().getFirst("X-Forwarded-For")).isEqualTo("198.51.100.20");
        assertThat(received.headers().getFirst("X-Forwarded-Proto")).isEqualTo("https");
    }
}
