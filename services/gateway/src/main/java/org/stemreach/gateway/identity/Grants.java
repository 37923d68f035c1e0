package org.stemreach.gateway.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** The STEM Reach grants among an authentication's authorities: {@code ADMIN}, {@code OPS:<network>}, {@code COACH:<network>}. */
public final class Grants {

    /** A network's grant; never for ALL (all networks together), which only ADMIN reaches. */
    private static final Pattern GRANT = Pattern.compile("ADMIN|(OPS|COACH):(?!ALL$)[A-Z][A-Z0-9_-]{1,31}");

    private Grants() {
    }

    public static boolean isGrant(String authority) {
        return authority != null && GRANT.matcher(authority).matches();
    }

    public static List<String> of(Authentication authentication) {
        return of(authentication.getAuthorities());
    }

    public static List<String> of(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(Grants::isGrant).distinct().sorted().toList();
    }

    public static boolean operatesAnything(List<String> grants) {
        return grants.stream().anyMatch(g -> g.equals("ADMIN") || g.startsWith("OPS:"));
    }

    public static boolean coachesAnything(List<String> grants) {
        return grants.stream().anyMatch(g -> g.startsWith("COACH:")) || operatesAnything(grants);
    }
}
