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
 * Operations calls through the gateway, as a script would: HTTP Basic (or, for many calls in a row, a signed-in
 * session, which spares the password check on every request) plus the CSRF cookie and header. Fails loudly on
 * unexpected answers.
 */
public final class GatewaySession {

    private final String gateway;
    private final String basic;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private volatile boolean sessionOnly;

    public GatewaySession(String gateway, String user, String password) {
        this.gateway = gateway;
        this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
    }

    /** Signs in with the login form and keeps the session: later calls send its cookie instead of the password. */
    public GatewaySession signIn(String user, String password) throws Exception {
        fetchCsrf();
        HttpRequest login = HttpRequest.newBuilder(URI.create(gateway + "/login")).header("X-XSRF-TOKEN", csrf())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8))).build();
        HttpResponse<Void> answer = http.send(login, HttpResponse.BodyHandlers.discarding());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + answer.statusCode() + " " + location);
        }
        sessionOnly = true;
        return this;
    }

    private void fetchCsrf() throws Exception {
        if (csrf() == null) {
            http.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    public HttpResponse<String> send(String method, String path, String json) throws Exception {
        fetchCsrf();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("X-XSRF-TOKEN", csrf()).header("Accept", "application/json");
        if (!sessionOnly) {
            request.header("Authorization", basic);
        }
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
