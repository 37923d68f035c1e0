package org.stemreach.downloads.download;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The COUNTER "client": a keyed hash (HMAC-SHA256) of IP address and user agent under a key that
 * changes every day. The raw IP address is never stored or published, and yesterday's keys cannot
 * be linked to today's.
 */
public final class ClientKeys {

    private final byte[] secret;

    public ClientKeys(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the client-key secret needs at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String keyOf(String ipAddress, String userAgent, LocalDate day) {
        byte[] dailyKey = hmac(secret, "day:" + day);
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
