package org.stemreach.kit.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.stemreach.model.NetworkId;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling, as the gateway vouches for it in its signed token: a subject, a display name and grants
 * such as {@code ADMIN}, {@code OPS:ISTEM} (operations team of network ISTEM) or {@code COACH:STEMBASIS}.
 */
public record Caller(String subject, String name, Set<String> grants) {

    public static final String ADMIN = "ADMIN";
    public static final String OPS = "OPS";
    public static final String COACH = "COACH";

    public Caller {
        grants = Set.copyOf(grants);
    }

    /** The signed-in caller of the current request, if any. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            List<String> roles = jwt.getToken().getClaimAsStringList(ServiceSecurity.ROLES_CLAIM);
            String name = Optional.ofNullable(jwt.getToken().getClaimAsString("name")).orElse(jwt.getName());
            return Optional.of(new Caller(jwt.getName(), name, Set.copyOf(roles == null ? List.of() : roles)));
        }
        return Optional.empty();
    }

    public boolean isAdmin() {
        return grants.contains(ADMIN);
    }

    /** May plan, check in and report for this network (operations team or admin). */
    public boolean canOperate(String network) {
        // ALL (every network together) is no network of its own: only an administrator acts for it.
        return isAdmin() || (!"ALL".equals(network) && grants.contains(OPS + ":" + network));
    }

    public boolean canOperate(NetworkId network) {
        return canOperate(network.value());
    }

    /** May coach in this network (coach, operations team or admin). */
    public boolean canCoach(String network) {
        return canOperate(network) || (!"ALL".equals(network) && grants.contains(COACH + ":" + network));
    }

    /** The networks this caller may operate, or empty with {@link #isAdmin()} meaning all. */
    public Set<String> operatedNetworks() {
        return networksWith(List.of(OPS));
    }

    public Set<String> networksWith(Collection<String> roles) {
        Set<String> networks = new TreeSet<>();
        for (String grant : grants) {
            int colon = grant.indexOf(':');
            if (colon > 0 && roles.contains(grant.substring(0, colon))) {
                networks.add(grant.substring(colon + 1));
            }
        }
        return networks;
    }
}
