package org.stemreach.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

import java.util.List;

/**
 * {@code stemreach.security.*}: how a service checks the identity the gateway relays.
 *
 * @param issuer      the {@code iss} the gateway writes into its tokens
 * @param audience    the {@code aud} the tokens must carry
 * @param jwkSetUri   where the gateway publishes its public keys
 * @param publicKey   a PEM public key to trust instead of the key set (tests)
 * @param publicPaths requests anyone may make, as {@code "/pattern/**"} or {@code "GET /pattern/**"}
 * @param rateLimit   per-client limit of public requests
 * @param maxBodySize the largest request body taken (413 above it); multipart uploads have their own limits
 *                    ({@code spring.servlet.multipart.*})
 * @param trustedProxies the addresses (CIDR) whose {@code X-Forwarded-*} headers are believed: the gateway's. The
 *                    default, the loopback addresses, fits the local platform, where the gateway and the services share
 *                    one host; the compose stack names the gateway's fixed address.
 */
@ConfigurationProperties("stemreach.security")
public record ServiceSecurityProperties(
        @DefaultValue("stemreach-gateway") String issuer,
        @DefaultValue("stemreach-services") String audience,
        @DefaultValue("http://localhost:8080/.well-known/jwks.json") String jwkSetUri,
        Resource publicKey,
        @DefaultValue List<String> publicPaths,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("2MB") org.springframework.util.unit.DataSize maxBodySize,
        @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> trustedProxies) {

    /**
     * @param requestsPerMinute allowed public state-changing requests per client and minute (0 = no limit)
     * @param paths             which requests count, same syntax as public paths
     */
    public record RateLimit(@DefaultValue("120") int requestsPerMinute, @DefaultValue List<String> paths) {
    }
}
