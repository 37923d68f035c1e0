package org.stemreach.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider stand-in: a token endpoint that answers an authorization code with a signed ID token (for
 * the subject, provider session and nonce the test named for that code), its key set, and logout tokens signed with
 * the same key, as a provider sends them to the back-channel logout endpoint.
 */
final class FakeOidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "stemreach-gateway";

    /** Who signs in with a code: the user, the provider's session (sid) and the nonce of the authorization request. */
    record SignIn(String subject, String userName, String sessionId, String nonce, List<String> roles) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, SignIn> codes = new ConcurrentHashMap<>();

    FakeOidcProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("fake-provider").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/certs", exchange -> {
            byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        server.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String code = java.util.Arrays.stream(form.split("&")).filter(pair -> pair.startsWith("code="))
                    .map(pair -> java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8)).findFirst().orElse("");
            SignIn signIn = codes.remove(code);
            if (signIn == null) {
                byte[] error = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
                return;
            }
            byte[] tokens = ("{\"access_token\":\"at-" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                    + "\"scope\":\"openid\",\"id_token\":\"" + idToken(signIn) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, tokens.length);
            exchange.getResponseBody().write(tokens);
            exchange.close();
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issuer() {
        return uri() + "/realms/stemreach";
    }

    /** The authorization code the provider would send the browser back with after this sign-in. */
    String code(SignIn signIn) {
        String code = UUID.randomUUID().toString();
        codes.put(code, signIn);
        return code;
    }

    private String idToken(SignIn signIn) {
        Instant now = Instant.now();
        return sign(key, new JWTClaimsSet.Builder().issuer(issuer()).subject(signIn.subject()).audience(CLIENT_ID)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", signIn.nonce())
                .claim("sid", signIn.sessionId()).claim("preferred_username", signIn.userName()).claim("roles", signIn.roles()).build());
    }

    /** A logout token for the provider's session {@code sid}, as the provider sends it when that session ends. */
    String logoutToken(String sessionId) {
        return sign(key, logoutClaims(sessionId));
    }

    /** The same logout token signed by a key that is not the provider's. */
    String forgedLogoutToken(String sessionId) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID("fake-provider").generate(), logoutClaims(sessionId));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet logoutClaims(String sessionId) {
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).issueTime(new Date()).jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId).claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())).build();
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
