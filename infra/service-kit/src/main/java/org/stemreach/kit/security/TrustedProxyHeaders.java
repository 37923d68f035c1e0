package org.stemreach.kit.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code X-Forwarded-*} and {@code Forwarded} believed only from the proxies named in
 * {@code stemreach.security.trusted-proxies} (the gateway): from them the client address, scheme, host and path prefix are
 * taken as forwarded (rate limits count by the client's address, links carry the gateway's prefix); from anyone else the
 * headers are dropped, so a caller who reaches a service's port directly cannot name another address for every request to
 * get past a rate limit, nor another host for the links a page builds. Spring's own {@link ForwardedHeaderFilter} does the
 * work either way; Tomcat's remote-IP valve would not honour {@code X-Forwarded-Prefix}.
 */
public class TrustedProxyHeaders implements Filter {

    /** An IPv4 or IPv6 address with an optional prefix length: never a host name, which would be looked up. */
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");

    private final List<IpAddressMatcher> trusted;
    private final ForwardedHeaderFilter believe = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter drop = new ForwardedHeaderFilter();

    public TrustedProxyHeaders(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(proxy -> !proxy.isEmpty()).map(proxy -> {
            if (!CIDR.matcher(proxy).matches()) {
                throw new IllegalArgumentException("stemreach.security.trusted-proxies takes addresses or ranges such as 10.0.0.5/32 or "
                        + "::1/128, not '" + proxy + "'");
            }
            return new IpAddressMatcher(proxy);
        }).toList();
        drop.setRemoveOnly(true);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        (trusts(request.getRemoteAddr()) ? believe : drop).doFilter(request, response, chain);
    }

    boolean trusts(String peer) {
        if (peer == null || !CIDR.matcher(peer).matches()) {
            return false;
        }
        for (IpAddressMatcher proxy : trusted) {
            if (proxy.matches(peer)) {
                return true;
            }
        }
        return false;
    }
}
