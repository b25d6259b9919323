package io.maxplatform.oauth.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@ApplicationScoped
public class RevokedTokenRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Idempotent (RFC 7009 §2.2: revoking a revoked token succeeds). */
    @Transactional
    public void revoke(String tokenId, String clientId, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at, revoked_at)"
                        + " VALUES (?1, ?2, ?3, now()) ON CONFLICT (token_id) DO NOTHING")
                .setParameter(1, tokenId)
                .setParameter(2, clientId)
                .setParameter(3, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .executeUpdate();
    }

    public boolean isRevoked(String tokenId) {
        return em.find(RevokedToken.class, tokenId) != null;
    }
}
