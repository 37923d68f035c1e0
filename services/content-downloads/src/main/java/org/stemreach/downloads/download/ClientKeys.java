package org.stemreach.downloads.download;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The COUNTER "client": a keyed hash (HMAC-SHA256) of IP address and user agent under a key that
 * changes every day, made from the secret and the day's random salt ({@link DailySalts}). The raw IP address is never
 * stored or published, yesterday's keys cannot be linked to today's, and once a day's salt is gone (two days later)
 * its keys cannot be made again: not even the secret and a copy of the database tell whose downloads they were.
 */
public final class ClientKeys {

    private final byte[] secret;
    private final java.util.function.Function<LocalDate, String> salts;

    public ClientKeys(String secret, java.util.function.Function<LocalDate, String> salts) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the client-key secret needs at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.salts = salts;
    }

    /** Without daily salts: for tests of the keys alone. */
    ClientKeys(String secret) {
        this(secret, day -> "");
    }

    public String keyOf(String ipAddress, String userAgent, LocalDate day) {
        String salt = salts.apply(day);
        byte[] dailyKey = hmac(secret, "day:" + day + (salt.isEmpty() ? "" : ":" + salt));
        return HexFormat.of().formatHex(hmac(dailyKey, ipAddress + "\n" + (userAgent == null ? "" : userAgent)));
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
}
