package io.maxplatform.oauth.authentication;

import java.security.SecureRandom;
import java.util.Base64;

/** Client secrets the server issues: 256 bits from a CSPRNG, base64url (RFC 6749 §10.10). */
public final class SecretGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretGenerator() {
    }

    public static String generate() {
        return randomToken(32);
    }

    /** {@code bytes} random bytes as unpadded base64url. */
    public static String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
