package org.stemreach.gateway.routing;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.ServerRequest;
import org.stemreach.gateway.identity.TokenMinter;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Before a request goes downstream: whatever identity the client sent is dropped (its Authorization header
 * and the gateway's session cookie), and a signed-in user's identity is relayed as a short-lived bearer token
 * minted by the gateway ({@link TokenMinter}). Services trust nothing else.
 */
final class IdentityRelay implements Function<ServerRequest, ServerRequest> {

    private final TokenMinter minter;
    /** The gateway's session cookie ({@code server.servlet.session.cookie.name}), whatever it is named. */
    private final String sessionCookie;

    IdentityRelay(TokenMinter minter, String sessionCookie) {
        this.minter = minter;
        this.sessionCookie = sessionCookie;
    }

    @Override
    public ServerRequest apply(ServerRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        String token = signedIn ? minter.mint(authentication) : null;
        return ServerRequest.from(request).headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            // A client's own forwarding chain never reaches a service: the gateway writes Forwarded and X-Forwarded-*
            // itself (services trust the first entry, which would otherwise be whatever the client claimed).
            headers.remove("Forwarded");
            // Nor any X-Forwarded-* or X-Real-IP it sends (X-Forwarded-Ssl would make a service think the request came over
            // TLS): the gateway writes the X-Forwarded-* headers services read afresh when it sends the request on.
            for (String claimed : List.copyOf(headers.headerNames())) {
                String name = claimed.toLowerCase(java.util.Locale.ROOT);
                // Nor X-Simulated-Time, which only the local demo's loader may send, straight to content-downloads.
                if (name.startsWith("x-forwarded-") || name.equals("x-real-ip") || name.equals("x-simulated-time")) {
                    headers.remove(claimed);
                }
            }
            List<String> cookies = headers.getOrDefault(HttpHeaders.COOKIE, List.of());
            headers.remove(HttpHeaders.COOKIE);
            String kept = cookies.stream()
                    .flatMap(header -> Arrays.stream(header.split(";")))
                    .map(String::strip)
                    .filter(cookie -> !cookie.isEmpty() && !cookie.startsWith(sessionCookie + "="))
                    .collect(Collectors.joining("; "));
            if (!kept.isEmpty()) {
                headers.add(HttpHeaders.COOKIE, kept);
            }
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).build();
    }
}
