package io.maxplatform.servicetoken;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** The {@code exp} of a JWT, read without verifying it: only to warn about a token about to expire. */
final class JwtExpiry {

    private JwtExpiry() {
    }

    /** The expiry, or null when the value is not a JWT with a numeric {@code exp}. */
    static Instant of(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Map<String, Object> claims = MiniJson.parseObject(payload);
            return claims.get("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
