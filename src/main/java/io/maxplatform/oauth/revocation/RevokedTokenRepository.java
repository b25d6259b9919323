package io.maxplatform.oauth.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class RevokedTokenRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Idempotent (RFC 7009 §2.2: revoking a revoked token succeeds). */
    @Transactional
    void revoke(String tokenId, String clientId, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at, revoked_at)"
                        + " VALUES (?1, ?2, ?3, now()) ON CONFLICT (token_id) DO NOTHING")
                .setParameter(1, tokenId)
                .setParameter(2, clientId)
                .setParameter(3, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .executeUpdate();
    }

    /** The revoked tokens not yet expired by more than {@code skewSeconds}: jti and expiry in epoch seconds. */
    Map<String, Long> unexpired(long skewSeconds) {
        return expiries(em.createNativeQuery(SELECT).setParameter(1, skewSeconds));
    }

    /** The same for one token id: empty when it is not revoked (or long expired). */
    Map<String, Long> unexpired(long skewSeconds, String tokenId) {
        return expiries(em.createNativeQuery(SELECT + " AND token_id = ?2").setParameter(1, skewSeconds).setParameter(2, tokenId));
    }

    private static final String SELECT = "SELECT token_id, CAST(EXTRACT(EPOCH FROM expires_at) AS bigint)"
            + " FROM oauth_revoked_tokens WHERE expires_at > now() - make_interval(secs => ?1)";

    @SuppressWarnings("unchecked")
    private static Map<String, Long> expiries(Query query) {
        List<Object[]> rows = query.getResultList();
        Map<String, Long> revoked = new HashMap<>();
        rows.forEach(row -> revoked.put((String) row[0], ((Number) row[1]).longValue()));
        return revoked;
    }
}
