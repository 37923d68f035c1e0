package org.stemreach.local;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsForTheTestPlatformLieBelowTheRangeOfOutgoingConnectionsAndAreNeverHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Launch.freePort();
            assertThat(port).isBetween(20_000, 32_000);
            assertThat(ports.add(port)).as("port " + port + " handed out twice").isTrue();
        }
    }
}
