package org.stemreach.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises operations: health with liveness and readiness groups, Prometheus
 * metrics tagged with the application name, and no other actuator endpoint exposed. A service's
 * integration test implements this interface to inherit the checks.
 */
public interface OperationalEndpointsContract {

    /** The port the service under test listens on. */
    int port();

    /** The service's {@code spring.application.name}. */
    String applicationName();

    private RestClient http() {
        return TestHttp.client(port());
    }

    @Test
    default void reportsHealthLivenessAndReadiness() {
        for (String path : new String[]{"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            ResponseEntity<String> health = http().get().uri(path).retrieve().toEntity(String.class);
            assertThat(health.getStatusCode().value()).as(path + ": " + health.getBody()).isEqualTo(200);
            assertThat(health.getBody()).contains("\"status\":\"UP\"");
        }
        // Its components (MongoDB, Kafka, disk space) only for a signed-in caller.
        assertThat(http().get().uri("/actuator/health").retrieve().body(String.class)).doesNotContain("components");
        assertThat(http().get().uri("/actuator/health").header("Authorization", TestTokens.admin()).retrieve().body(String.class))
                .contains("components");
    }

    @Test
    default void exposesPrometheusMetricsTaggedWithTheApplication() {
        String metrics = http().get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"" + applicationName() + "\"");
    }

    @Test
    default void refusesTokensTheGatewayDidNotIssueForTheServices() {
        java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("another issuer", TestTokens.issuedFor("someone-else", TestTokens.AUDIENCE, "ADMIN"));
        tokens.put("another audience", TestTokens.issuedFor(TestTokens.ISSUER, "another-audience", "ADMIN"));
        tokens.put("expired", TestTokens.expired("ADMIN"));
        tokens.put("signed by an unknown key", TestTokens.forged("ADMIN"));
        tokens.forEach((what, token) -> assertThat(http().get().uri("/actuator/health").header("Authorization", token).retrieve()
                .toEntity(String.class).getStatusCode().value()).as(what).isEqualTo(401));
    }

    @Test
    default void answersWithTheSecurityHeaders() {
        ResponseEntity<String> answer = http().get().uri("/actuator/health").retrieve().toEntity(String.class);

        assertThat(answer.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'")
                .contains("base-uri 'none'").contains("object-src 'none'").contains("form-action 'self'");
        assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    default void refusesARequestBodyLargerThanTheLimitUnread() throws java.io.IOException {
        // Declared at 3 MB, of which only the start is sent: the answer comes without the rest being waited for. Also a
        // form sent with PUT, whose body Spring's form-content filter would read whole before any security filter.
        assertThat(declaredTooLarge("POST", "application/json", "{\"x\": \"xxxx")).startsWith("HTTP/1.1 413")
                .containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(declaredTooLarge("PUT", "application/x-www-form-urlencoded", "x=xxxx")).startsWith("HTTP/1.1 413");
    }

    private String declaredTooLarge(String method, String type, String start) throws java.io.IOException {
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " /api/anything HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\n"
                    + "Content-Length: " + 3 * 1024 * 1024 + "\r\nConnection: close\r\n\r\n" + start).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // The status line and headers: the server may keep the connection a while for the rest of the declared body.
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder head = new StringBuilder();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                head.append(line).append("\r\n");
            }
            answer = head.toString();
        }
        return answer;
    }

    /**
     * The XSRF-TOKEN cookie is shared with the gateway and every service's forms: a signed-in request (a page, its
     * stylesheet) must leave it as it is, or the form a page rendered no longer matches the cookie when it is sent.
     */
    @Test
    default void keepsTheSharedCsrfCookieOfASignedInRequest() {
        ResponseEntity<String> answer = http().get().uri("/css/stemreach.css").header("Authorization", TestTokens.admin())
                .header("Cookie", "XSRF-TOKEN=0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9").retrieve().toEntity(String.class);

        assertThat(answer.getHeaders().getOrEmpty("Set-Cookie")).as("no new CSRF token for a request that authenticates by bearer")
                .noneMatch(cookie -> cookie.startsWith("XSRF-TOKEN"));
    }

    @Test
    default void exposesNoOtherActuatorEndpoint() {
        for (String path : new String[]{"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"}) {
            // Even an administrator finds nothing there: the endpoint is not exposed at all.
            assertThat(http().get().uri(path).header("Authorization", TestTokens.admin()).retrieve().toEntity(String.class)
                    .getStatusCode().value()).as(path).isEqualTo(404);
        }
        // The actuator's own list names the exposed ones: health, info and prometheus, nothing else.
        java.util.Map<?, ?> links = http().get().uri("/actuator").header("Authorization", TestTokens.admin()).retrieve().body(java.util.Map.class);
        java.util.Set<Object> exposed = new java.util.TreeSet<>(((java.util.Map<?, ?>) links.get("_links")).keySet());
        assertThat(exposed).as("exposed actuator endpoints").containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus");
        assertThat(http().get().uri("/actuator/info").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }
}
