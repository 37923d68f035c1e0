package org.stemreach.gateway.signin;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.stemreach.gateway.GatewayProperties;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Users left with the bundled development password are named at start (a warning), so nobody runs with them unawares. */
class DevelopmentUsersTest {

    @Test
    void usersWithTheDevelopmentPasswordAreFoundAndOthersAreNot() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        List<GatewayProperties.User> users = List.of(
                new GatewayProperties.User("admin", "{bcrypt}" + bcrypt.encode("stemreach"), "Admin", List.of("ADMIN")),
                new GatewayProperties.User("ops", "{bcrypt}" + bcrypt.encode("a long passphrase of our own"), "Ops", List.of("OPS:ISTEM")));

        assertThat(GatewaySecurity.withTheDevelopmentPassword(users)).containsExactly("admin");
    }

    @Test
    void theDevelopmentUsersSignInOnlyOnThisMachine() {
        assertThat(GatewaySecurity.loopback("127.0.0.1")).isTrue();
        assertThat(GatewaySecurity.loopback("::1")).isTrue();
        assertThat(GatewaySecurity.loopback("")).as("every address").isFalse();
        assertThat(GatewaySecurity.loopback("0.0.0.0")).isFalse();
        assertThat(GatewaySecurity.loopback("192.0.2.10")).isFalse();
    }
}
