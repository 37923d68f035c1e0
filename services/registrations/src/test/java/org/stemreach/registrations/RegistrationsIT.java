package org.stemreach.registrations;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.OperationalEndpointsContract;

@IntegrationTest
class RegistrationsIT implements OperationalEndpointsContract {

    @LocalServerPort
    int port;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "registrations";
    }
}
