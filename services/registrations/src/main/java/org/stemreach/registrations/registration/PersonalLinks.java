package org.stemreach.registrations.registration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The personal link a teacher gets by e-mail instead of an account: it carries the teacher id and an expiry,
 * signed with HMAC-SHA256, so it cannot be forged or extended.
 */
public class PersonalLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final Duration validity;
    private final Clock clock;

    public PersonalLinks(String secret, Duration validity, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("stemreach.registrations.link-secret needs at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.validity = validity;
        this.clock = clock;
    }

    public String tokenFor(String teacherId) {
        String payload = teacherId + "." + clock.instant().plus(validity).getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(sign(encoded));
    }

    /** The teacher id the token was issued for; throws {@link InvalidLinkException} if forged, damaged or expired. */
    public String teacherOf(String token) {
        if (token == null) {
            throw new InvalidLinkException("the link is incomplete");
        }
        int dot = token.lastIndexOf('.');
        if (dot < 1) {
            throw new InvalidLinkException("the link is damaged");
        }
        String encoded = token.substring(0, dot);
        byte[] signature;
        String payload;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            payload = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("the link is damaged");
        }
        if (!MessageDigest.isEqual(signature, sign(encoded))) {
            throw new InvalidLinkException("the link is not valid");
        }
        int separator = payload.lastIndexOf('.');
        long expiry = Long.parseLong(payload.substring(separator + 1));
        if (clock.instant().isAfter(Instant.ofEpochSecond(expiry))) {
            throw new InvalidLinkException("the link has expired");
        }
        return payload.substring(0, separator);
    }

    private byte[] sign(String encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(encoded.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static class InvalidLinkException extends RuntimeException {
        public InvalidLinkException(String message) {
            super(message);
        }
    }
}
