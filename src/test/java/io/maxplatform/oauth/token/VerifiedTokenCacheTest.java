package io.maxplatform.oauth.token;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final VerifiedTokenCache cache = new VerifiedTokenCache();
    private final Object keys = new Object();
    private final VerifiedToken valid = VerifiedToken.valid(new JWTClaimsSet.Builder().subject("svc")
            .expirationTime(Date.from(NOW.plusSeconds(600))).build());

    @Test
    void aValidTokenIsFoundAgainWithTheSameKeysUntilItExpires() {
        cache.remember("a.b.c", keys, valid);

        assertSame(valid, cache.find("a.b.c", keys, NOW));
        assertSame(valid, cache.find("a.b.c", keys, NOW.plusSeconds(600 + 59)), "within the clock skew");
        assertNull(cache.find("a.b.c", keys, NOW.plusSeconds(600 + 60)), "expired");
    }

    @Test
    void anotherKeySetOrAnotherTokenFindsNothing() {
        cache.remember("a.b.c", keys, valid);

        assertNull(cache.find("a.b.c", new Object(), NOW), "keys rotated or withdrawn since");
        assertNull(cache.find("a.b.d", keys, NOW));
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        assertThrows(IllegalArgumentException.class, () -> cache.remember("a.b.c", keys, VerifiedToken.refused("no")));
    }
}
