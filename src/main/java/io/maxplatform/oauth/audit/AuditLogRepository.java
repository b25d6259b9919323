package io.maxplatform.oauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.List;

/** The audit trail: rows appended by {@link AuditedCalls}, read newest first with optional filters. */
@ApplicationScoped
public class AuditLogRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /**
     * Appends a row in the caller's transaction, written now rather than at commit: a failure then surfaces
     * with its SQL cause (a lock timeout reads as the database's failure, 503), not as a bare rollback.
     */
    void add(AuditLogEntry entry) {
        em.persist(entry);
        em.flush();
    }

    /**
     * Appends a refusal's row in a transaction of its own that commits without waiting for the WAL flush
     * ({@code synchronous_commit = off} for this transaction only). A stranger's flood of refused requests
     * then costs no disk wait each; the row can be lost only if PostgreSQL itself crashes within its WAL
     * writer delay (200 ms by default), never when this server dies. Issued tokens and admin changes keep
     * synchronous commits.
     */
    void addRefusal(AuditLogEntry entry) {
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        add(entry);
    }

    /** Each component is optional (null). {@code since} is inclusive, {@code until} exclusive. */
    public record Filter(String clientId, String action, Boolean success, OffsetDateTime since, OffsetDateTime until) {
    }

    public List<AuditLogEntry> find(Filter filter, int offset, int limit) {
        return query(filter, "SELECT a FROM AuditLogEntry a", AuditLogEntry.class, " ORDER BY a.createdAt DESC, a.id DESC")
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        return query(filter, "SELECT COUNT(a) FROM AuditLogEntry a", Long.class, "").getSingleResult();
    }

    private <T> TypedQuery<T> query(Filter filter, String select, Class<T> type, String order) {
        StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
        if (filter.clientId() != null) {
            jpql.append(" AND a.clientId = :clientId");
        }
        if (filter.action() != null) {
            jpql.append(" AND a.action = :action");
        }
        if (filter.success() != null) {
            jpql.append(" AND a.success = :success");
        }
        if (filter.since() != null) {
            jpql.append(" AND a.createdAt >= :since");
        }
        if (filter.until() != null) {
            jpql.append(" AND a.createdAt < :until");
        }
        TypedQuery<T> query = em.createQuery(jpql + order, type);
        if (filter.clientId() != null) {
            query.setParameter("clientId", filter.clientId());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action());
        }
        if (filter.success() != null) {
            query.setParameter("success", filter.success());
        }
        if (filter.since() != null) {
            query.setParameter("since", filter.since());
        }
        if (filter.until() != null) {
            query.setParameter("until", filter.until());
        }
        return query;
    }
}
