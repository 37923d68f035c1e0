package org.stemreach.gateway.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of a sign-in's roles are STEM Reach grants. */
class GrantsTest {

    @Test
    void aNetworksGrantsAndAdminButNothingForAllNetworksTogether() {
        assertThat(Grants.isGrant("ADMIN")).isTrue();
        assertThat(Grants.isGrant("OPS:ISTEM")).isTrue();
        assertThat(Grants.isGrant("COACH:STEMBASIS")).isTrue();
        assertThat(Grants.isGrant("OPS:ALLSTARS")).as("a network whose name begins with ALL").isTrue();
        assertThat(Grants.isGrant("OPS:ALL")).as("ALL is every network together: ADMIN's").isFalse();
        assertThat(Grants.isGrant("COACH:ALL")).isFalse();
        assertThat(Grants.isGrant("OPS:istem")).isFalse();
        assertThat(Grants.isGrant("offline_access")).isFalse();
    }
}
