package io.maxplatform.oauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;

/** Figures drawn from the audit trail. */
@ApplicationScoped
public class AuditStatistics {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    public long count(String action, OffsetDateTime since) {
        return em.createQuery("SELECT COUNT(a) FROM AuditLogEntry a WHERE a.action = :action AND a.createdAt >= :since",
                        Long.class)
                .setParameter("action", action)
                .setParameter("since", since)
                .getSingleResult();
    }

    /** Token requests refused for failed client authentication ({@code invalid_client}). */
    public long failedAuthentications(OffsetDateTime since) {
        return em.createQuery("SELECT COUNT(a) FROM AuditLogEntry a WHERE a.action = :action"
                        + " AND a.errorCode = 'invalid_client' AND a.createdAt >= :since", Long.class)
                .setParameter("action", AuditRecorder.TOKEN_REQUEST_FAILED)
                .setParameter("since", since)
                .getSingleResult();
    }

    public long count(String action) {
        return em.createQuery("SELECT COUNT(a) FROM AuditLogEntry a WHERE a.action = :action", Long.class)
                .setParameter("action", action)
                .getSingleResult();
    }
}
