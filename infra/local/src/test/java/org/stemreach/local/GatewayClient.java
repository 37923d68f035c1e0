package org.stemreach.local;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Base64;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser-like client of the gateway: keeps cookies, signs in with the form, sends the CSRF token like the pages do. */
final class GatewayClient {

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final RestClient http;

    GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(new JdkClientHttpRequestFactory(client))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    RestClient http() {
        return http;
    }

    /** Headers of a page's script: the CSRF token from the shared cookie. */
    Consumer<HttpHeaders> csrf() {
        if (cookie("XSRF-TOKEN") == null) {
            http.get().uri("/login").retrieve().toBodilessEntity();
        }
        String token = cookie("XSRF-TOKEN");
        return headers -> headers.set("X-XSRF-TOKEN", token);
    }

    GatewayClient signIn(String user) {
        var response = http.post().uri("/login").headers(csrf())
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .body("username=" + user + "&password=stemreach").retrieve().toBodilessEntity();
        assertThat(response.getStatusCode().value()).isEqualTo(302);
        assertThat(response.getHeaders().getLocation().toString()).doesNotContain("error");
        return this;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":stemreach").getBytes());
    }

    private String cookie(String name) {
        return cookies.getCookieStore().get(URI.create(baseUrl)).stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
