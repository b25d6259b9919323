package io.maxplatform.oauth.revocation;

import io.maxplatform.oauth.token.AccessTokenVerifier;
import io.maxplatform.oauth.token.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether a presented token may be used now: valid ({@link AccessTokenVerifier}) and alive
 * ({@link TokenLiveness}). The one answer for the admin API ({@link AdminTokenFilter}) and for introspection;
 * all from memory, no database round trip while the change feed is current.
 */
@ApplicationScoped
public class LiveTokens {

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    TokenLiveness liveness;

    public VerifiedToken check(String token) {
        VerifiedToken verified = verifier.check(token);
        if (!verified.isValid()) {
            return verified;
        }
        String dead = liveness.whyDead(verified.claim("jti"), verified.claim("client_id"), verified.claim("scope"),
                verified.issuedAt());
        return dead == null ? verified : VerifiedToken.refused(dead);
    }
}
