package org.stemreach.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key a client's limits are kept under. */
class ClientAddressesTest {

    @Test
    void anIpv4AddressIsItselfAndAnIpv6AddressItsSlash64() {
        assertThat(ClientAddresses.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.limitKey("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddresses.limitKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .as("one subscriber's /64, whatever address in it").isEqualTo("20010db800010002::/64");
        assertThat(ClientAddresses.limitKey("2001:db8:1:3::1")).as("the next /64 is another client").isNotEqualTo(ClientAddresses.limitKey("2001:db8:1:2::1"));
        assertThat(ClientAddresses.limitKey("::ffff:203.0.113.7")).as("IPv4-mapped").isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.limitKey("0:0:0:0:0:0:0:1")).isEqualTo("00000000000000000000000000000000".substring(0, 16) + "::/64");
        assertThat(ClientAddresses.limitKey(null)).isNull();
        assertThat(ClientAddresses.limitKey("gateway.internal:8080")).as("not an address: as it is, never looked up").isEqualTo("gateway.internal:8080");
    }
}
