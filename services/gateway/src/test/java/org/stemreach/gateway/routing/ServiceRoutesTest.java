package org.stemreach.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which proxy failures mean the service never got the request (503, try again) and which do not (502). */
class ServiceRoutesTest {

    @Test
    void aRequestThatNeverReachedTheServiceIsToldApartFromOneLostOnTheWayBack() {
        assertThat(ServiceRoutes.notReached(new ResourceAccessException("refused", new ConnectException("Connection refused")))).isTrue();
        assertThat(ServiceRoutes.notReached(new ResourceAccessException("dns", new UnknownHostException("registrations")))).isTrue();
        assertThat(ServiceRoutes.notReached(new ResourceAccessException("read", new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(ServiceRoutes.notReached(new ResourceAccessException("reset", new IOException("Connection reset")))).isFalse();
    }
}
