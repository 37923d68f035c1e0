package org.stemreach.coaching;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.OperationalEndpointsContract;

/**
 * The service's operational contract, run against the real broker and Mongo-wire server: the test methods and
 * their assertions come from {@link OperationalEndpointsContract} (health UP, Prometheus with the application tag,
 * nothing else of the actuator exposed). The service has no domain endpoints yet.
 */
@IntegrationTest
class CoachingTrajectoriesIT implements OperationalEndpointsContract {

    @LocalServerPort
    int port;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String applicationName() {
        return "coaching-trajectories";
    }
}
