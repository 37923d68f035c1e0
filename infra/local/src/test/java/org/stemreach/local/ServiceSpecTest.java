package org.stemreach.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service's port can move, and the README says how. */
class ServiceSpecTest {

    @Test
    void eachServicesPortMovesWithAVariableNamedAfterIt() throws IOException {
        assertThat(ServiceSpec.ALL.stream().map(ServiceSpec::portVariable)).containsExactly("STEMREACH_GATEWAY_PORT",
                "STEMREACH_REGISTRATIONS_PORT", "STEMREACH_COACHING_TRAJECTORIES_PORT", "STEMREACH_CONTENT_DOWNLOADS_PORT",
                "STEMREACH_ANALYTICS_PORT");
        String readme = Files.readString(Path.of("../../README.md"));
        assertThat(readme).contains("STEMREACH_GATEWAY_PORT").contains("STEMREACH_<SERVICE>_PORT");
    }
}
