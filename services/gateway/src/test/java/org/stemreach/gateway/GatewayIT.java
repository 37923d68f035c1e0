package org.stemreach.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway against a recording stand-in for the services: routing, sign-in, identity relay, limits, headers. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stemreach.gateway.public-requests-per-minute=150",
        "stemreach.gateway.routes.content.max-request-size=1KB",
        // A service that is not running: nothing listens on port 1.
        "stemreach.gateway.routes.stopped.uri=http://127.0.0.1:1", "stemreach.gateway.routes.stopped.prefix=/stopped",
        "stemreach.gateway.routes.stopped.max-request-size=1KB"})
class GatewayIT {

    static final FakeService downstream = new FakeService();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        for (String route : new String[]{"registrations", "coaching", "content", "analytics"}) {
            registry.add("stemreach.gateway.routes." + route + ".uri", downstream::uri);
        }
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    @LocalServerPort
    int port;
    CookieManager cookies;
    HttpClient browser;

    @BeforeEach
    void newBrowser() {
        cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("User-Agent", "it-" + System.nanoTime());
    }

    /** What a browser asks for. */
    private HttpRequest.Builder page(String path) {
        return get(path).header("Accept", "text/html,application/xhtml+xml");
    }

    private String csrfToken() throws IOException, InterruptedException {
        send(get("/login"));
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.stemreach.gateway.signin.SignInThrottle throttle;

    @Test
    void tooManyWrongPasswordsFromOneAddressAreRefusedForAWhile() throws Exception {
        throttle.forget("127.0.0.1"); // other tests' wrong passwords
        try {
            for (int i = 0; i < 10; i++) {
                String token = csrfToken();
                HttpResponse<String> wrong = send(get("/login").header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString("username=admin&password=guess" + i)));
                assertThat(wrong.headers().firstValue("Location").orElse("")).as("attempt %d", i + 1).contains("error");
            }
            String token = csrfToken();
            HttpResponse<String> right = send(get("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString("username=admin&password=stemreach")));
            HttpResponse<String> basic = send(get("/analytics/api/kpis").header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("admin:stemreach".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

            // However the scheme is spelled (Spring reads "Basic" followed by anything): the same allowance.
            HttpResponse<String> oddlySpelled = send(get("/analytics/api/kpis").header("Authorization", "bAsIc\t"
                    + java.util.Base64.getEncoder().encodeToString("admin:stemreach".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

            for (HttpResponse<String> refused : List.of(right, basic, oddlySpelled)) {
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            }
            // The form in a browser goes back to the form, which says how long to wait.
            HttpResponse<String> browser = send(get("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html,application/xhtml+xml").header("X-XSRF-TOKEN", csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=stemreach")));
            assertThat(browser.statusCode()).isEqualTo(302);
            String back = browser.headers().firstValue("Location").orElseThrow();
            assertThat(back).containsPattern("/login\\?throttled=\\d+$");
            assertThat(send(get(back.substring(back.indexOf("/login")))).body()).contains("id=\"login-throttled\"").contains("Probeer opnieuw over")
                    .as("the field says why").contains("aria-describedby=\"login-throttled\"");
            assertThat(send(get("/login?throttled=%3Cb%3Esoon%3C/b%3E")).body()).as("only a number is shown").doesNotContain("login-throttled");
            // Other requests go on as before.
            assertThat(send(get("/login")).statusCode()).isEqualTo(200);
        } finally {
            throttle.forget("127.0.0.1");
        }
        signIn("admin", "stemreach");
    }

    @Test
    void aWrongPasswordKeepsTheUserNameOnTheFormAndPointsToTheError() throws Exception {
        throttle.forget("127.0.0.1");
        try {
            HttpResponse<String> wrong = send(get("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", csrfToken()).POST(HttpRequest.BodyPublishers.ofString("username=ops-istem&password=guess")));
            assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error").doesNotContain("ops-istem");

            String form = send(get("/login?error")).body();
            assertThat(form).containsPattern("id=\"username\"[^>]*value=\"ops-istem\"").contains("aria-describedby=\"login-error\"")
                    .contains("id=\"login-error\"");
            assertThat(send(get("/login")).body()).as("once").doesNotContain("value=\"ops-istem\"");
        } finally {
            throttle.forget("127.0.0.1");
        }
    }

    @Test
    void wrongPasswordsSentSideBySideGetNoMoreTriesThanOneAfterTheOther() throws Exception {
        throttle.forget("127.0.0.1");
        try {
            String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:guess".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                attempts.add(HttpClient.newHttpClient().sendAsync(get("/analytics/api/kpis").header("Authorization", wrong).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = attempts.stream().map(java.util.concurrent.CompletableFuture::join).map(HttpResponse::statusCode).toList();

            assertThat(statuses).as("passwords checked").filteredOn(status -> status == 401)
                    .hasSizeLessThanOrEqualTo(org.stemreach.gateway.signin.SignInThrottle.FAILURES);
            assertThat(statuses).filteredOn(status -> status == 429).hasSizeGreaterThanOrEqualTo(40 - org.stemreach.gateway.signin.SignInThrottle.FAILURES);
        } finally {
            throttle.forget("127.0.0.1");
        }
    }

    private void signIn(String user, String password) throws IOException, InterruptedException {
        String token = csrfToken();
        HttpResponse<String> response = send(get("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void anAddressThatDoesNotExistIsAPageForABrowserAndAProblemForAScript() throws Exception {
        HttpResponse<String> browser = send(page("/no-such-page"));
        HttpResponse<String> script = send(get("/no-such-page").header("Accept", "application/json"));
        HttpResponse<String> anything = send(get("/no-such-page").header("Accept", "*/*"));

        assertThat(browser.statusCode()).isEqualTo(404);
        assertThat(browser.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(browser.body()).contains("id=\"error-page\"").contains("Deze pagina bestaat niet").contains("This page does not exist")
                .containsPattern("href=\"\\?lang=en\"[^>]*id=\"language\"");
        assertThat(script.statusCode()).isEqualTo(404);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(anything.headers().firstValue("Content-Type").orElseThrow()).as("a client that takes anything is no browser")
                .startsWith("application/problem+json");
    }

    @Test
    void anonymousVisitorsAreSentToSignInForOperationsPagesButReachPublicPages() throws Exception {
        HttpResponse<String> ops = send(page("/registrations/ops/activities"));
        assertThat(ops.statusCode()).isEqualTo(302);
        assertThat(ops.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> script = send(get("/registrations/ops/activities").header("Accept", "application/json"));
        assertThat(script.statusCode()).as("scripts get 401, not a sign-in page").isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(script.body()).contains("\"status\":401");

        HttpResponse<String> page = send(get("/registrations/activities?month=3").header("Authorization", "Bearer made-up")
                .header("Forwarded", "for=198.51.100.9;host=evil.example;proto=https").header("X-Forwarded-For", "198.51.100.10")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "8443")
                .header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-Ssl", "on").header("X-Forwarded-Server", "evil.example")
                .header("X-Real-IP", "198.51.100.11").header("X-Forwarded-Scheme", "https").header("X-Forwarded-Uri", "/evil")
                .header("X-Simulated-Time", "2020-01-01T00:00:00Z"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("ok /activities");
        FakeService.Received received = downstream.last();
        assertThat(received.path()).isEqualTo("/activities?month=3");
        assertThat(received.header("Authorization")).as("a client's own token never reaches a service").isNull();
        assertThat(received.header("X-Forwarded-Prefix")).isEqualTo("/registrations");
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(String.valueOf(received.header("Forwarded"))).as("the client's own chain is not passed on").doesNotContain("198.51.100.9", "evil.example");
        assertThat(received.headers().entrySet()).as("nothing of what the client claimed").noneSatisfy(header ->
                assertThat(String.join(",", header.getValue())).containsAnyOf("evil", "198.51.100", "8443"));
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Simulated-Time")).as("only the local demo's loader may date a download, straight at the service").isNull();
    }

    @Test
    void aSignedInUsersIdentityIsRelayedAsAShortLivedTokenSignedByTheGateway() throws Exception {
        signIn("ops-istem", "stemreach");

        HttpResponse<String> ops = send(get("/analytics/ops/dashboard"));

        assertThat(ops.statusCode()).isEqualTo(200);
        FakeService.Received received = downstream.last();
        assertThat(received.header("Cookie")).as("the gateway session stays at the gateway").doesNotContain("STEMREACH_SESSION");
        String bearer = received.header("Authorization");
        assertThat(bearer).startsWith("Bearer ");
        Jwt jwt = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/.well-known/jwks.json").build()
                .decode(bearer.substring(7));
        assertThat(jwt.getSubject()).isEqualTo("ops-istem");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("OPS:ISTEM");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("An Peeters (ISTEM)");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("stemreach-gateway");
        assertThat(jwt.getAudience()).containsExactly("stemreach-services");
        assertThat(jwt.getExpiresAt()).isBefore(jwt.getIssuedAt().plusSeconds(121));
    }

    @Test
    void wrongPasswordsAreRefusedAndSigningOutEndsTheSession() throws Exception {
        String token = csrfToken();
        HttpResponse<String> wrong = send(get("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString("username=admin&password=guess")));
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("/login?error");

        signIn("admin", "stemreach");
        assertThat(send(get("/registrations/ops/activities")).statusCode()).isEqualTo(200);
        HttpResponse<String> out = send(page("/logout").header("X-XSRF-TOKEN", csrfToken()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/?signedOut");
        assertThat(send(page("/registrations/ops/activities")).statusCode()).isEqualTo(302);
    }

    @Test
    void scriptsMayReadWithBasicAuthentication() throws Exception {
        String basic = Base64.getEncoder().encodeToString("admin:stemreach".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> figures = send(get("/analytics/api/kpis?network=ALL&period=2026").header("Authorization", "Basic " + basic));

        assertThat(figures.statusCode()).isEqualTo(200);
        assertThat(downstream.last().header("Authorization")).startsWith("Bearer ");
    }

    @Test
    void stateChangingRequestsNeedTheCsrfToken() throws Exception {
        signIn("ops-istem", "stemreach");

        HttpResponse<String> without = send(get("/registrations/ops/activities").POST(HttpRequest.BodyPublishers.ofString("x=1")));
        HttpResponse<String> with = send(get("/registrations/ops/activities").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("x=1")));

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(without.body()).contains("X-XSRF-TOKEN");
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(downstream.last().method()).isEqualTo("POST");
    }

    @Test
    void oversizedRequestsAreRefusedAtTheEdge() throws Exception {
        HttpResponse<String> big = send(get("/content/api/projects").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))));

        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyIsHeldToTheSameLimitAndOneWithinItPasses() throws Exception {
        int before = downstream.received.size();
        // No Content-Length: the JDK client sends a body of unknown length in chunks, as a streaming client does.
        HttpResponse<String> big = send(get("/content/api/projects").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[64 * 1024]))));
        HttpResponse<String> small = send(get("/content/api/projects").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[1000]))));

        HttpResponse<String> encoded = send(get("/%63ontent/api/projects").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[64 * 1024]))));

        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(encoded.statusCode()).as("the route's prefix percent-encoded").isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(downstream.received.stream().skip(before).map(FakeService.Received::bodyLength))
                .as("only the small body reached the service whole").containsExactly(1000);
    }

    /** A CSRF token as a page renders it for a form (masked against BREACH, as Spring Security's XOR handler reads it). */
    private static String masked(String token) {
        byte[] plain = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] combined = new byte[plain.length * 2];
        new java.security.SecureRandom().nextBytes(combined);
        for (int i = 0; i < plain.length; i++) {
            combined[plain.length + i] = (byte) (plain[i] ^ combined[i]);
        }
        return java.util.Base64.getUrlEncoder().encodeToString(combined);
    }

    @Test
    void aMultipartPostReachesTheServiceWithItsWholeBody() throws Exception {
        signIn("ops-istem", "stemreach");
        String boundary = "stemreach-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"log.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ndate;network;partner\r\n12-jan-23;ISTEM;UGent\r\n--" + boundary + "--\r\n";
        int length = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        // As the import page's form sends it (the token in the query, no header), and as a script does (the header).
        HttpResponse<String> form = send(get("/registrations/ops/import?lang=nl&_csrf=" + masked(csrfToken()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)));
        FakeService.Received fromForm = downstream.last();
        HttpResponse<String> script = send(get("/registrations/api/ops/imports").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-XSRF-TOKEN", csrfToken()).POST(HttpRequest.BodyPublishers.ofString(body)));
        FakeService.Received fromScript = downstream.last();

        assertThat(form.statusCode()).as("form " + form.body()).isEqualTo(200);
        assertThat(fromForm.bodyLength()).as("the form's body, whole").isEqualTo(length);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(fromScript.path()).isEqualTo("/api/ops/imports");
        assertThat(fromScript.bodyLength()).as("the script's body, whole").isEqualTo(length);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints endpoints;

    @Test
    void itsOwnActuatorExposesOnlyHealthInfoAndPrometheusTaggedWithItsName() throws Exception {
        assertThat(endpoints.stream().map(org.springframework.boot.actuate.endpoint.web.PathMappedEndpoint::getRootPath).toList())
                .containsExactlyInAnyOrder("health", "info", "prometheus");
        HttpResponse<String> metrics = send(get("/actuator/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes{").contains("application=\"gateway\"");
        assertThat(send(get("/actuator/info")).statusCode()).isEqualTo(200);
    }

    @Test
    void theServicesActuatorsAreNotReachableThroughTheGateway() throws Exception {
        int before = downstream.received.size();

        assertThat(send(get("/content/actuator/prometheus")).statusCode()).isEqualTo(404);
        assertThat(send(get("/analytics/actuator")).statusCode()).isEqualTo(404);
        assertThat(send(get("/registrations/%61ctuator/prometheus")).statusCode()).as("encoded").isEqualTo(404);
        assertThat(send(get("/registrations/actuator;x=1/prometheus")).statusCode()).as("with a path parameter (the firewall refuses it)").isIn(400, 404);
        assertThat(send(get("/registrations/actuatorx")).statusCode()).as("only the actuator itself").isEqualTo(200);
        assertThat(downstream.received.stream().skip(before).map(FakeService.Received::path)).containsExactly("/actuatorx");
    }

    @Test
    void aServiceThatDoesNotAnswerIsAProblemToTryAgainShortly() throws Exception {
        HttpResponse<String> down = send(get("/stopped/activities"));

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).contains("5");
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(down.body()).contains("stopped").contains("antwoordt nu niet");
        HttpResponse<String> downPage = send(page("/stopped/activities"));
        assertThat(downPage.statusCode()).isEqualTo(503);
        assertThat(downPage.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(downPage.body()).as("a browser gets a page").contains("id=\"error-page\"").contains("Er ging iets mis");
    }

    @Test
    void aServicesOwnTooManyRequestsPassesThroughAsTheServiceSentIt() throws Exception {
        HttpResponse<String> limited = send(get("/registrations/too-many"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many registrations");
        assertThat(limited.headers().allValues("Retry-After")).containsExactly("42");
    }

    @Test
    @Order(Integer.MAX_VALUE) // uses up this client's allowance
    void publicRoutesAreRateLimitedPerClientWithRetryAfter() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 300 && (last == null || last.statusCode() != 429); i++) {
            last = send(get("/coaching/public?n=" + i));
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(last.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(last.body()).contains("\"status\":429").contains("Probeer opnieuw over");
        HttpResponse<String> page = send(page("/coaching/public?n=page"));
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).as("a browser gets a page that says when to try again").contains("Even geduld")
                .contains("Probeer het over " + page.headers().firstValue("Retry-After").orElseThrow() + " seconden opnieuw");
    }

    @Test
    void theLandingPageIsDutchFirstWithRoleBasedNavigationAndSecurityHeaders() throws Exception {
        HttpResponse<String> anonymous = send(get("/"));
        assertThat(anonymous.body()).contains("Voor leraren").contains("Aanmelden").doesNotContain("link-dashboard")
                .as("one h1 naming the platform, the audiences below it").contains("<h1>STEM Reach</h1>").contains("<h2>Voor leraren</h2>");
        assertThat(anonymous.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").contains("base-uri 'none'").contains("object-src 'none'"));
        assertThat(anonymous.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(anonymous.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(anonymous.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(send(get("/?lang=en")).body()).contains("For teachers").contains("Sign in").contains("href=\"?lang=nl-BE\"");
        assertThat(send(get("/?lang=%3C")).statusCode()).as("an unknown language keeps the current one").isEqualTo(200);
        assertThat(send(get("/?lang=fr")).body()).as("a language the pages are not written in keeps the current one (English here)")
                .contains("For teachers").contains("lang=\"en\"");

        signIn("coach-stembasis", "stemreach");
        String coach = send(get("/")).body();
        assertThat(coach).contains("card-coaching").contains("coming soon").doesNotContain("link-dashboard").contains("Sara Janssens")
                .as("no link to pages that do not exist yet").doesNotContain("/coaching/ops/");
    }

    @Test
    void publishesOnlyThePublicKey() throws Exception {
        String jwks = send(get("/.well-known/jwks.json")).body();

        assertThat(jwks).contains("\"kty\":\"RSA\"").contains("\"n\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
    }
}
