package org.stemreach.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code stemreach.gateway.*}
 *
 * @param issuer                  {@code iss} of the relayed tokens
 * @param audience                {@code aud} of the relayed tokens
 * @param tokenTtl                lifetime of a relayed token
 * @param signingKey              PKCS#8 PEM private key; generated at start-up when absent
 * @param publicRequestsPerMinute requests per client address (signed-in users: per user) and minute
 * @param routes                  downstream services by name
 * @param login                   {@code local} (configured users) or {@code oidc}
 * @param users                   the configured users of {@code local} sign-in
 * @param publishedKeys           keys published beside the signing key and never signed with (PEM: a public key, or a
 *                                PKCS#8 private key whose public half is published), to rotate the signing key
 */
@ConfigurationProperties("stemreach.gateway")
public record GatewayProperties(
        @DefaultValue("stemreach-gateway") String issuer,
        @DefaultValue("stemreach-services") String audience,
        @DefaultValue("2m") Duration tokenTtl,
        Resource signingKey,
        @DefaultValue("600") int publicRequestsPerMinute,
        Map<String, Route> routes,
        @DefaultValue("local") String login,
        @DefaultValue List<User> users,
        @DefaultValue List<Resource> publishedKeys) {

    public GatewayProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        publishedKeys = publishedKeys == null ? List.of() : List.copyOf(publishedKeys);
    }

    /** A downstream service: its address, the path prefix it lives under here, and the largest request body it takes. */
    public record Route(URI uri, String prefix, @DefaultValue("2MB") DataSize maxRequestSize) {
    }

    /**
     * @param password {@code {bcrypt}...} hash
     * @param roles    grants such as {@code ADMIN}, {@code OPS:ISTEM}, {@code COACH:STEMBASIS}
     */
    public record User(String username, String password, String name, List<String> roles) {
    }
}
