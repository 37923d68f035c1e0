package org.stemreach.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Tokens shaped exactly like those the gateway relays (issuer, audience, subject, name, roles), signed
 * with the test key the services under test trust. Also forged and expired ones, to prove they are refused.
 */
public final class TestTokens {

    public static final String PUBLIC_KEY = "classpath:test-jwt/public.pem";
    public static final String ISSUER = "stemreach-gateway";
    public static final String AUDIENCE = "stemreach-services";

    private static final RSAKey KEY = new RSAKey.Builder(read("test-jwt/public.pem", RSAPublicKey.class))
            .privateKey(read("test-jwt/private.pem", RSAPrivateKey.class)).keyID("test").build();

    private TestTokens() {
    }

    /** An operations-team member of these networks. */
    public static String ops(String... networks) {
        return bearer("ops-" + String.join("-", networks), List.of(networks).stream().map(n -> "OPS:" + n).toList(), Duration.ofMinutes(5));
    }

    public static String admin() {
        return bearer("admin", List.of("ADMIN"), Duration.ofMinutes(5));
    }

    public static String coach(String network) {
        return bearer("coach-" + network, List.of("COACH:" + network), Duration.ofMinutes(5));
    }

    /** A token that expired a minute ago. */
    public static String expired(String... roles) {
        return bearer("late", List.of(roles), Duration.ofMinutes(-1));
    }

    /** A token with the right shape signed by a key nobody trusts. */
    public static String forged(String... roles) {
        try {
            RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("test").generate();
            return "Bearer " + encode(other, "forger", List.of(roles), Duration.ofMinutes(5));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with the trusted key, valid, but from another issuer or for another audience than the services'. */
    public static String issuedFor(String issuer, String audience, String... roles) {
        return "Bearer " + encode(KEY, issuer, audience, "elsewhere", List.of(roles), Duration.ofMinutes(5));
    }

    public static String bearer(String subject, List<String> roles, Duration validFor) {
        return "Bearer " + encode(KEY, subject, roles, validFor);
    }

    private static String encode(RSAKey key, String subject, List<String> roles, Duration validFor) {
        return encode(key, ISSUER, AUDIENCE, subject, roles, validFor);
    }

    private static String encode(RSAKey key, String issuer, String audience, String subject, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        Instant issued = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofMinutes(5)) : now;
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(audience)).subject(subject)
                .claim("name", subject).claim("roles", roles).issuedAt(issued).expiresAt(now.plus(validFor)).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))).encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static <K> K read(String resource, Class<K> type) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(pem);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return type.cast(type == RSAPublicKey.class ? rsa.generatePublic(new X509EncodedKeySpec(der))
                    : rsa.generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
