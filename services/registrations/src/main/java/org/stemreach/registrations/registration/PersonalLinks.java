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
 * The personal link a teacher gets by e-mail instead of an account: it carries the teacher id and an expiry, encrypted
 * and authenticated (AES-256-GCM, with a key derived from the secret), so it cannot be forged or extended, and the
 * opaque id the other services know is not readable in a mailbox, a browser's history or a mail scanner's log. Links of
 * the earlier form (the id readable, signed with HMAC-SHA256) are still honoured until they expire.
 */
public class PersonalLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final Duration validity;
    private final Clock clock;
    /** A teacher's current generation of links: a link of an older one was replaced by a newer link. */
    private final java.util.function.ToLongFunction<String> generations;
    /** Told of a link of a newer generation than the stored one (mailed, but not yet recorded as current): it becomes current. */
    private final java.util.function.ObjLongConsumer<String> newer;

    public PersonalLinks(String secret, Duration validity, Clock clock) {
        this(secret, validity, clock, teacherId -> 0, (teacherId, generation) -> { });
    }

    public PersonalLinks(String secret, Duration validity, Clock clock, java.util.function.ToLongFunction<String> generations,
                         java.util.function.ObjLongConsumer<String> newer) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("stemreach.registrations.link-secret needs at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.validity = validity;
        this.clock = clock;
        this.generations = generations;
        this.newer = newer;
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "stemreach-personal-link-v2".getBytes(StandardCharsets.UTF_8);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A link of the teacher's first generation (until they ask for a new one). */
    public String tokenFor(String teacherId) {
        return tokenFor(teacherId, 0);
    }

    /** A link of this generation of the teacher's links ({@code id.expiry.generation}, encrypted). */
    public String tokenFor(String teacherId, long generation) {
        String payload = teacherId + "." + clock.instant().plus(validity).getEpochSecond() + (generation == 0 ? "" : "." + generation);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(javax.crypto.Cipher.ENCRYPT_MODE, iv, payload.getBytes(StandardCharsets.UTF_8));
        byte[] token = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, token, 0, iv.length);
        System.arraycopy(sealed, 0, token, iv.length, sealed.length);
        return ENCODER.encodeToString(token); // base64url: no dots, unlike the earlier form
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(hmac(secret, "personal-link-encryption"), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(CONTEXT);
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new InvalidLinkException("the link is not valid");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The teacher id the token was issued for; throws {@link InvalidLinkException} if forged, damaged, expired or replaced
     * (the teacher asked for a new link since: links of an older generation no longer open).
     */
    public String teacherOf(String token) {
        if (token == null) {
            throw new InvalidLinkException("the link is incomplete");
        }
        String payload = token.indexOf('.') < 0 ? opened(token) : verifiedEarlierForm(token);
        long generation = 0;
        java.util.regex.Matcher withGeneration = WITH_GENERATION.matcher(payload);
        if (withGeneration.matches()) {
            payload = withGeneration.group(1);
            generation = Long.parseLong(withGeneration.group(2));
        }
        String teacherId = checked(payload);
        long current = generations.applyAsLong(teacherId);
        if (generation < current) {
            throw new InvalidLinkException("the link was replaced by a newer one");
        }
        if (generation > current) {
            // Only this service makes links (sealed): a newer one was mailed, and recording it as current did not happen.
            newer.accept(teacherId, generation);
        }
        return teacherId;
    }

    /** {@code id.expiry.generation}; links made before generations have {@code id.expiry}: generation 0. */
    private static final java.util.regex.Pattern WITH_GENERATION = java.util.regex.Pattern.compile("(.+\\.\\d+)\\.(\\d{1,18})");

    private String checked(String payload) {
        int separator = payload.lastIndexOf('.');
        long expiry;
        try {
            expiry = Long.parseLong(payload.substring(separator + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new InvalidLinkException("the link is damaged");
        }
        if (separator < 1 || clock.instant().isAfter(Instant.ofEpochSecond(expiry))) {
            throw new InvalidLinkException(separator < 1 ? "the link is damaged" : "the link has expired");
        }
        return payload.substring(0, separator);
    }

    private String opened(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("the link is damaged");
        }
        if (bytes.length <= IV_BYTES + TAG_BITS / 8) {
            throw new InvalidLinkException("the link is damaged");
        }
        byte[] payload = crypt(javax.crypto.Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, IV_BYTES),
                java.util.Arrays.copyOfRange(bytes, IV_BYTES, bytes.length));
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A link of the earlier form: {@code base64(id.expiry).base64(hmac)}. */
    private String verifiedEarlierForm(String token) {
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
        if (!MessageDigest.isEqual(signature, hmac(secret, encoded))) {
            throw new InvalidLinkException("the link is not valid");
        }
        return payload;
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
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
