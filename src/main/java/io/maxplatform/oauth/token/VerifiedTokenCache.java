package io.maxplatform.oauth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Tokens found valid, by the SHA-256 of their text: the admin API and introspection see the same token again and
 * again (a service reuses its token for up to a day), and what was verified need not be verified again, as gateways
 * do. An entry answers only for the key check that verified it (a rotation or withdrawal builds a new one, which no
 * entry matches) and only while its token is unexpired (with the clock skew the check allows). Bounded in number and
 * age. Only validity is remembered: whether a token is still alive (revocations, cut-offs) is asked on every use.
 */
final class VerifiedTokenCache {

    static final int MAX_TOKENS = 10_000;
    /** An upper bound on any entry's life, whatever its token's own expiry. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private record Entry(Object keyCheck, VerifiedToken token, Instant validUntil) {
    }

    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(MAX_AGE)
            .build();

    /** What {@code keyCheck} found of {@code token} before, if it is still so at {@code now}; else null. */
    VerifiedToken find(String token, Object keyCheck, Instant now) {
        Entry entry = entries.getIfPresent(digest(token));
        return entry != null && entry.keyCheck() == keyCheck && now.isBefore(entry.validUntil()) ? entry.token() : null;
    }

    /** {@code valid}, as {@code keyCheck} found {@code token}: valid until it expires. */
    void remember(String token, Object keyCheck, VerifiedToken valid) {
        if (!valid.isValid()) {
            throw new IllegalArgumentException("only a valid token is remembered");
        }
        Instant validUntil = valid.expiresAt().plusSeconds(JwtVerificationConfigSource.CLOCK_SKEW_SECONDS);
        entries.put(digest(token), new Entry(keyCheck, valid, validUntil));
    }

    private static String digest(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
