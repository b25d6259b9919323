package io.maxplatform.oauth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Optional;

/**
 * A token checked by {@link AccessTokenVerifier}: its claims, or why it was refused. The reason goes to the audit
 * trail; the client hears only that the token is invalid (RFC 6750 §3.1), and introspection that it is inactive.
 */
public record VerifiedToken(Optional<JWTClaimsSet> claims, String refusal) {

    static VerifiedToken valid(JWTClaimsSet claims) {
        return new VerifiedToken(Optional.of(claims), null);
    }

    public static VerifiedToken refused(String why) {
        return new VerifiedToken(Optional.empty(), why);
    }

    public boolean isValid() {
        return claims.isPresent();
    }

    /** A string claim as this server writes it, or null. */
    public String claim(String name) {
        Object value = claims.map(c -> c.getClaim(name)).orElse(null);
        return value instanceof String text ? text : null;
    }

    /** {@code exp} (required: a token without it is refused before this exists). */
    public Instant expiresAt() {
        return claims.orElseThrow().getExpirationTime().toInstant();
    }

    /** {@code iat} in epoch seconds (required: a token without it is refused before this exists). */
    public long issuedAt() {
        return claims.orElseThrow().getIssueTime().getTime() / 1000;
    }
}
