package io.maxplatform.oauth.revocation;

import io.maxplatform.oauth.client.TokenCutoffs;
import io.maxplatform.oauth.scope.ScopeSyntax;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether a token this server signed, and that verified, is still alive: not revoked, and not dead with its
 * client (deactivated, deleted, rotated, revoke-all, or a scope taken from it). The one answer for the admin
 * API ({@link AdminTokenFilter}) and for introspection; all from memory, no database round trip.
 */
@ApplicationScoped
public class TokenLiveness {

    @Inject
    RevokedTokens revoked;

    @Inject
    TokenCutoffs cutoffs;

    /**
     * Why the token is dead, or null while it lives.
     *
     * @param scopeClaim the token's {@code scope} claim as this server wrote it (space-separated), or null
     * @param issuedAt   its {@code iat} in epoch seconds, or null (then it cannot be placed: dead)
     */
    public String whyDead(String tokenId, String clientId, String scopeClaim, Long issuedAt) {
        if (revoked.isRevoked(tokenId)) {
            return "Revoked token";
        }
        if (issuedAt == null || cutoffs.isCutOff(clientId, ScopeSyntax.split(scopeClaim), issuedAt)) {
            return "Token of a deactivated, deleted or rotated client, or of a scope taken from it";
        }
        return null;
    }
}
