package org.stemreach.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a client's limits are kept under: its IPv4 address, or the /64 network of its IPv6 address (one subscriber
 * usually holds a whole /64 and could otherwise take a new address, and a fresh allowance, for every request).
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /** What an IPv6 literal can hold: hex digits, colons, an IPv4 tail's dots, a zone after {@code %}. */
    private static final java.util.regex.Pattern IPV6_LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z._-]+)?");

    public static String limitKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address; // IPv4, or not an address at all
        }
        if (!IPV6_LITERAL.matcher(address).matches()) {
            return address; // not an IPv6 literal, and never handed to a name lookup
        }
        try {
            // A literal (checked above): parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // an IPv4-mapped address: the IPv4 one
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
