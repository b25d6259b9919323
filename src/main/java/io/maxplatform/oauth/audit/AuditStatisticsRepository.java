package io.maxplatform.oauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;

/** Figures drawn from the audit trail. */
@ApplicationScoped
public class AuditStatisticsRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    public record Count(String name, long count) {
    }

    public long count(String action, OffsetDateTime since) {
        return em.createQuery("SELECT COUNT(a) FROM AuditLogEntry a WHERE a.action = :action AND a.createdAt >= :since",
                        Long.class)
                .setParameter("action", action)
                .setParameter("since", since)
                .getSingleResult();
    }

    public long count(String action) {
        return em.createQuery("SELECT COUNT(a) FROM AuditLogEntry a WHERE a.action = :action", Long.class)
                .setParameter("action", action)
                .getSingleResult();
    }

    /**
     * Failed client authentications at any client-authenticated endpoint (token, revocation, introspection),
     * not counting attempts refused by the throttle, where no secret was checked.
     */
    public long failedAuthentications(OffsetDateTime since) {
        return em.createQuery("SELECT COUNT(a) FROM AuditLogEntry a WHERE a.success = FALSE"
                        + " AND a.errorCode = 'invalid_client' AND (a.reason IS NULL OR a.reason <> 'throttled')"
                        + " AND a.createdAt >= :since", Long.class)
                .setParameter("since", since)
                .getSingleResult();
    }

    /** Tokens issued per client since {@code since}, most first. */
    public List<Count> tokensPerClient(OffsetDateTime since, int limit) {
        return em.createQuery("SELECT a.clientId, COUNT(a) FROM AuditLogEntry a WHERE a.action = :action"
                        + " AND a.createdAt >= :since GROUP BY a.clientId ORDER BY COUNT(a) DESC, a.clientId", Object[].class)
                .setParameter("action", AuditLogEntry.TOKEN_ISSUED)
                .setParameter("since", since)
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> new Count((String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    /** How often each scope was granted in tokens issued since {@code since}, most first. */
    @SuppressWarnings("unchecked")
    public List<Count> topScopes(OffsetDateTime since, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT s.scope, COUNT(*) FROM oauth_audit_logs a"
                        + " CROSS JOIN LATERAL unnest(string_to_array(a.scope, ' ')) AS s(scope)"
                        + " WHERE a.action = ?1 AND a.created_at >= ?2"
                        + " GROUP BY s.scope ORDER BY COUNT(*) DESC, s.scope LIMIT ?3")
                .setParameter(1, AuditLogEntry.TOKEN_ISSUED)
                .setParameter(2, since)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream().map(row -> new Count((String) row[0], ((Number) row[1]).longValue())).toList();
    }
}
