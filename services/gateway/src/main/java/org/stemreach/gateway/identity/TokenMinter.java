package org.stemreach.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.stemreach.gateway.GatewayProperties;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the short-lived identity token the gateway relays with every proxied request of a signed-in user:
 * subject, display name and grants, for the services (resource servers) to verify against
 * {@code /.well-known/jwks.json}. An RS256 signature costs about a millisecond of CPU, so a user's token is
 * reused for the first half of its lifetime (a change of name or grants gets a new one at once); the token
 * never leaves the gateway–service hop.
 */
@Component
public class TokenMinter {

    private final RSAKey key;
    private final JWKSet published;
    private final JwtEncoder encoder;
    private final GatewayProperties properties;
    private final Map<String, String> displayNames;
    private final Clock clock;
    private final Cache<List<Object>, Minted> recent;

    private record Minted(String token, Instant issuedAt, Instant renewAfter) {
    }

    public TokenMinter(GatewayProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = properties.signingKey() == null ? generated() : loaded(properties.signingKey(), "stemreach.gateway.signing-key");
        if (!key.isPrivate()) {
            throw new IllegalStateException("stemreach.gateway.signing-key is a public key: it needs the private key (PKCS#8 PEM) to sign with");
        }
        List<com.nimbusds.jose.jwk.JWK> keys = new java.util.ArrayList<>(List.of(key.toPublicJWK()));
        for (int i = 0; i < properties.publishedKeys().size(); i++) {
            RSAKey other = loaded(properties.publishedKeys().get(i), "stemreach.gateway.published-keys[" + i + "]").toPublicJWK();
            if (keys.stream().noneMatch(known -> known.getKeyID().equals(other.getKeyID()))) {
                keys.add(other);
            }
        }
        this.published = new JWKSet(keys);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.displayNames = properties.users().stream()
                .collect(java.util.stream.Collectors.toMap(GatewayProperties.User::username,
                        u -> u.name() == null ? u.username() : u.name(), (a, b) -> a));
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.tokenTtl()).build();
    }

    /**
     * The public half of the signing key, and of the keys published beside it, as a JWK set. Rotating the signing key
     * without a moment in which a service cannot verify a token: (1) publish the new key
     * ({@code stemreach.gateway.published-keys}) on every instance; (2) once the services have read it again (their
     * key-set cache: 5 minutes), sign with it ({@code signing-key}) and publish the old one instead; (3) after the
     * token lifetime and another 5 minutes, stop publishing the old one.
     */
    public Map<String, Object> publicKeys() {
        return published.toJSONObject();
    }

    public String mint(Authentication authentication) {
        Instant now = clock.instant();
        List<String> grants = Grants.of(authentication);
        String name = displayName(authentication);
        List<Object> key = List.of(authentication.getName(), name, grants);
        Minted cached = recent.getIfPresent(key);
        if (cached != null && !now.isBefore(cached.issuedAt()) && now.isBefore(cached.renewAfter())) {
            return cached.token();
        }
        String token = sign(authentication.getName(), name, grants, now);
        recent.put(key, new Minted(token, now, now.plus(properties.tokenTtl().dividedBy(2))));
        return token;
    }

    private String sign(String subject, String name, List<String> grants, Instant now) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(subject)
                .claim("name", name)
                .claim("roles", grants)
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .id(UUID.randomUUID().toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public String displayName(Authentication authentication) {
        if (authentication.getPrincipal() instanceof OidcUser oidc && oidc.getFullName() != null) {
            return oidc.getFullName();
        }
        return displayNames.getOrDefault(authentication.getName(), authentication.getName());
    }

    private static RSAKey generated() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#8 private key (the key pair) or an X.509 public key, in PEM; its key id is its thumbprint. */
    static RSAKey loaded(org.springframework.core.io.Resource resource, String setting) {
        try (InputStream in = resource.getInputStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            String pem = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            byte[] der = Base64.getDecoder().decode(pem);
            if (text.contains("BEGIN PUBLIC KEY")) {
                return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(der))).keyIDFromThumbprint().build();
            }
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(setting + " is not an RSA key in PEM (a PKCS#8 private key"
                    + (setting.contains("published") ? " or a public key" : "") + ")", e);
        }
    }
}
