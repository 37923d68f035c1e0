package org.stemreach.demo;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Operations calls through the gateway, as a script would: HTTP Basic plus the CSRF cookie and header.
 * Fails loudly on unexpected answers.
 */
public final class GatewaySession {

    private final String gateway;
    private final String basic;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public GatewaySession(String gateway, String user, String password) {
        this.gateway = gateway;
        this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public HttpResponse<String> send(String method, String path, String json) throws Exception {
        if (csrf() == null) {
            http.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", basic)
                .header("X-XSRF-TOKEN", csrf()).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public int sendMultipart(String path, String boundary, byte[] body) throws Exception {
        if (csrf() == null) {
            http.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", basic)
                .header("X-XSRF-TOKEN", csrf()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Sends and insists on a 2xx answer. */
    public String call(String method, String path, String json) throws Exception {
        HttpResponse<String> response = send(method, path, json);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public String sendCsv(String path, String csv) throws Exception {
        if (csrf() == null) {
            http.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", basic)
                .header("X-XSRF-TOKEN", csrf()).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String csrf() {
        return cookies.getCookieStore().get(URI.create(gateway)).stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
