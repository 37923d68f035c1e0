package org.stemreach.gateway.identity;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.stemreach.gateway.GatewayProperties;
import org.stemreach.testsupport.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenMinterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T09:00:00Z"));
    private final TokenMinter minter = new TokenMinter(new GatewayProperties("stemreach-gateway", "stemreach-services",
            Duration.ofMinutes(2), null, 600, Map.of(), "local",
            List.of(new GatewayProperties.User("ops", null, "Olga Ops", List.of("OPS:ISTEM")))), clock);

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
}
