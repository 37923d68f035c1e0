package org.stemreach.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect back-channel logout: when a session ends at the provider, the provider posts a signed logout token to
 * the gateway, which ends the gateway sessions signed in with that provider session, and only those. Real sign-ins
 * through the authorization-code flow against {@link FakeOidcProvider}, configured as compose does (endpoint by
 * endpoint, the issuer named).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stemreach.gateway.login=oidc",
        "spring.security.oauth2.client.registration.keycloak.client-id=" + FakeOidcProvider.CLIENT_ID,
        "spring.security.oauth2.client.registration.keycloak.client-secret=secret",
        "spring.security.oauth2.client.registration.keycloak.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.keycloak.scope=openid,profile,email",
        "spring.security.oauth2.client.registration.keycloak.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.keycloak.user-name-attribute=preferred_username"})
class OidcBackChannelLogoutIT {

    static final FakeOidcProvider provider = new FakeOidcProvider();
    static final FakeService registrations = new FakeService();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.keycloak.authorization-uri", () -> provider.uri() + "/auth");
        registry.add("spring.security.oauth2.client.provider.keycloak.token-uri", () -> provider.uri() + "/token");
        registry.add("spring.security.oauth2.client.provider.keycloak.jwk-set-uri", () -> provider.uri() + "/certs");
        registry.add("stemreach.gateway.oidc.issuer", provider::issuer);
        registry.add("stemreach.gateway.routes.registrations.uri", registrations::uri);
    }

    @AfterAll
    static void stop() {
        provider.close();
        registrations.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aSessionEndedAtTheProviderEndsTheGatewaySessionsSignedInWithItAndNoOther() throws Exception {
        HttpClient an = signedIn("an-1", "ops-istem", "kc-session-an");
        HttpClient tom = signedIn("tom-1", "ops-stembasis", "kc-session-tom");
        assertThat(opsPage(an).statusCode()).as("An is signed in").isEqualTo(200);
        assertThat(opsPage(tom).statusCode()).as("Tom is signed in").isEqualTo(200);

        HttpResponse<String> told = backChannelLogout(provider.logoutToken("kc-session-an"));

        assertThat(told.statusCode()).isEqualTo(200);
        assertThat(opsPage(an).statusCode()).as("An's session has ended: sign in again").isEqualTo(302);
        assertThat(opsPage(an).headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(opsPage(tom).statusCode()).as("Tom's session, of another provider session, goes on").isEqualTo(200);
    }

    @Test
    void theSessionsAreEndedHereWhateverAddressTheProvidersRequestNames() throws Exception {
        HttpClient lien = signedIn("lien-1", "ops-istem", "kc-session-lien");
        String form = "logout_token=" + URLEncoder.encode(provider.logoutToken("kc-session-lien"), StandardCharsets.UTF_8);

        // Sent with a Host header of another machine: the session's cookie must not go there, and the session ends here.
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /logout/connect/back-channel/keycloak HTTP/1.1\r\nHost: elsewhere.invalid:9\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\nConnection: close\r\n\r\n"
                    + form).getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(opsPage(lien).statusCode()).isEqualTo(302);
    }

    @Test
    void aLogoutTokenNotSignedByTheProviderEndsNothing() throws Exception {
        HttpClient sara = signedIn("sara-1", "coach-stembasis", "kc-session-sara");

        HttpResponse<String> forged = backChannelLogout(provider.forgedLogoutToken("kc-session-sara"));
        HttpResponse<String> garbage = backChannelLogout("not-a-token");

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(opsPage(sara).statusCode()).as("Sara is still signed in").isEqualTo(200);
    }

    /** A browser that went through the authorization-code flow as {@code userName}, in provider session {@code sid}. */
    private HttpClient signedIn(String subject, String userName, String sessionId) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> toProvider = browser.send(request("/oauth2/authorization/keycloak").build(), HttpResponse.BodyHandlers.ofString());
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.uri() + "/auth");
        Map<String, String> query = Arrays.stream(URI.create(authorize).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        String code = provider.code(new FakeOidcProvider.SignIn(subject, userName, sessionId, query.get("nonce"), List.of("ADMIN")));

        HttpResponse<String> back = browser.send(request("/login/oauth2/code/keycloak?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).as("signed in, not sent back with an error").doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> opsPage(HttpClient browser) throws IOException, InterruptedException {
        return browser.send(request("/registrations/ops/activities").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the provider sends: a form with the logout token, no cookie, no CSRF token. */
    private HttpResponse<String> backChannelLogout(String logoutToken) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request("/logout/connect/back-channel/keycloak")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("User-Agent", "it-" + System.nanoTime());
    }
}
