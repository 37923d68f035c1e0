package org.stemreach.kit.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a relayed identity's grants allow. */
class CallerTest {

    @Test
    void anOperationsTeamActsForItsNetworkAndAllNetworksTogetherAreTheAdministratorsOnly() {
        Caller ops = new Caller("ops", "Ops", Set.of("OPS:ISTEM", "COACH:STEMBASIS"));
        Caller strange = new Caller("x", "X", Set.of("OPS:ALL", "COACH:ALL"));
        Caller admin = new Caller("admin", "Admin", Set.of("ADMIN"));

        assertThat(ops.canOperate("ISTEM")).isTrue();
        assertThat(ops.canOperate("STEMBASIS")).isFalse();
        assertThat(ops.canCoach("STEMBASIS")).isTrue();
        assertThat(strange.canOperate("ALL")).as("a role named for ALL is no grant for all networks").isFalse();
        assertThat(strange.canCoach("ALL")).isFalse();
        assertThat(admin.canOperate("ALL")).isTrue();
    }
}
