package org.stemreach.gateway.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.stemreach.gateway.GatewayProperties;
import org.stemreach.testsupport.MutableClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenMinterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T09:00:00Z"));
    private final TokenMinter minter = new TokenMinter(new GatewayProperties("stemreach-gateway", "stemreach-services",
            Duration.ofMinutes(2), null, 600, Map.of(), "local",
            List.of(new GatewayProperties.User("ops", null, "Olga Ops", List.of("OPS:ISTEM"))), List.of()), clock);

    private static Authentication user(String name, String... grants) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.createAuthorityList(grants));
    }

    @Test
    void aUsersTokenIsReusedForHalfItsLifetimeThenRenewed() throws Exception {
        String first = minter.mint(user("ops", "OPS:ISTEM"));
        clock.advance(Duration.ofSeconds(59));
        String reused = minter.mint(user("ops", "OPS:ISTEM"));
        clock.advance(Duration.ofSeconds(1));
        String renewed = minter.mint(user("ops", "OPS:ISTEM"));

        assertThat(reused).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        var claims = SignedJWT.parse(renewed).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("ops");
        assertThat(claims.getStringClaim("name")).isEqualTo("Olga Ops");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
    }

    @Test
    void otherUsersOrOtherGrantsGetTheirOwnToken() throws Exception {
        String ops = minter.mint(user("ops", "OPS:ISTEM"));
        String moreGrants = minter.mint(user("ops", "OPS:ISTEM", "OPS:STEMBASIS"));
        String other = minter.mint(user("admin", "ADMIN"));

        assertThat(List.of(ops, moreGrants, other)).doesNotHaveDuplicates();
        assertThat(SignedJWT.parse(moreGrants).getJWTClaimsSet().getStringListClaim("roles")).contains("OPS:STEMBASIS");
        assertThat(SignedJWT.parse(other).getJWTClaimsSet().getSubject()).isEqualTo("admin");
    }

    @Test
    void keysPublishedBesideTheSigningKeyAreInTheKeySetButNeverSignedWith(@TempDir Path dir) throws Exception {
        Path signing = pem(dir.resolve("signing.pem"), "PRIVATE KEY", keyPair().getPrivate().getEncoded());
        KeyPair next = keyPair();
        Path nextPublic = pem(dir.resolve("next-public.pem"), "PUBLIC KEY", next.getPublic().getEncoded());
        Path oldPrivate = pem(dir.resolve("old.pem"), "PRIVATE KEY", keyPair().getPrivate().getEncoded());
        TokenMinter rotating = minter(new FileSystemResource(signing), List.of(new FileSystemResource(nextPublic),
                new FileSystemResource(oldPrivate), new FileSystemResource(signing)));

        JWKSet published = JWKSet.parse(rotating.publicKeys());
        String signedWith = SignedJWT.parse(rotating.mint(user("ops", "OPS:ISTEM"))).getHeader().getKeyID();

        assertThat(published.getKeys()).as("the signing key once, and the two others").hasSize(3);
        assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(published.getKeys().get(0).getKeyID()).isEqualTo(signedWith);
        assertThat(((RSAKey) published.getKeys().get(1)).toRSAPublicKey()).isEqualTo(next.getPublic());
    }

    @Test
    void aSigningKeyWithoutItsPrivateHalfOrNotAKeyAtAllStopsTheStart(@TempDir Path dir) throws Exception {
        Path publicOnly = pem(dir.resolve("public.pem"), "PUBLIC KEY", keyPair().getPublic().getEncoded());
        Path notAKey = Files.writeString(dir.resolve("not.pem"), "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> minter(new FileSystemResource(publicOnly), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("signing-key is a public key");
        assertThatThrownBy(() -> minter(null, List.of(new FileSystemResource(notAKey))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published-keys[0] is not an RSA key");
    }

    private TokenMinter minter(Resource signingKey, List<Resource> published) {
        return new TokenMinter(new GatewayProperties("stemreach-gateway", "stemreach-services", Duration.ofMinutes(2), signingKey,
                600, Map.of(), "local", List.of(), published), clock);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n");
    }
}
