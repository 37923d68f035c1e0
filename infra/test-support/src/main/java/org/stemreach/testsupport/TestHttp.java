package org.stemreach.testsupport;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP clients for tests: error statuses are returned, not thrown, so tests can assert on them. */
public final class TestHttp {

    private TestHttp() {
    }

    public static RestClient client(int port) {
        return client("http://localhost:" + port);
    }

    public static RestClient client(String baseUrl) {
        return RestClient.builder().baseUrl(baseUrl)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
