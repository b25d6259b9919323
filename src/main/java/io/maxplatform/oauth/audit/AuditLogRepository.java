package io.maxplatform.oauth.audit;

import io.maxplatform.oauth.error.DatabaseErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    /** A row's place in the order newest first: where the next page starts (keyset paging, no OFFSET to walk). */
    public record Position(OffsetDateTime createdAt, long id) {
    }

    /** A page of rows, and the position after its last row when there are more. */
    public record Page(List<AuditLogEntry> rows, Position next) {
    }

    /** Longer than any indexed page takes at any size; a filter that still needs more is refused, not waited for. */
    static final String QUERY_TIME_LIMIT = "3s";

    /**
     * Rows matching {@code filter}, newest first, after {@code after} (null: from the newest) and {@code skip} rows.
     * Every filter, and a client with an action or with {@code success=false}, has an index ending in
     * {@code (created_at, id)} (release 1.7), so a page reads about as many index entries as it returns; a filter on
     * {@code created_at} reads only the partitions of those days.
     *
     * @throws AuditQueryTooBroad the query ran past {@value #QUERY_TIME_LIMIT}
     */
    @SuppressWarnings("unchecked")
    public Page find(Filter filter, Position after, int skip, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM oauth_audit_logs WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (filter.clientId() != null) {
            sql.append(" AND client_id = ?").append(parameters.size() + 1);
            parameters.add(filter.clientId());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?").append(parameters.size() + 1);
            parameters.add(filter.action());
        }
        if (filter.success() != null) {
            // A literal, not a parameter, so the planner can use the partial index of refusals.
            sql.append(filter.success() ? " AND success" : " AND NOT success");
        }
        if (filter.since() != null) {
            sql.append(" AND created_at >= ?").append(parameters.size() + 1);
            parameters.add(filter.since());
        }
        if (filter.until() != null) {
            sql.append(" AND created_at < ?").append(parameters.size() + 1);
            parameters.add(filter.until());
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?").append(parameters.size() + 1).append(", ?").append(parameters.size() + 2).append(")");
            parameters.add(after.createdAt());
            parameters.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC OFFSET ?").append(parameters.size() + 1)
                .append(" LIMIT ?").append(parameters.size() + 2);
        parameters.add(skip);
        parameters.add(limit + 1);

        em.createNativeQuery("SET LOCAL statement_timeout = '" + QUERY_TIME_LIMIT + "'").executeUpdate();
        Query query = em.createNativeQuery(sql.toString(), AuditLogEntry.class);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<AuditLogEntry> rows;
        try {
            rows = query.getResultList();
        } catch (PersistenceException e) {
            if (DatabaseErrors.isStatementTimeout(e)) {
                throw new AuditQueryTooBroad(QUERY_TIME_LIMIT);
            }
            throw e;
        }
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<AuditLogEntry> page = rows.subList(0, limit);
        AuditLogEntry last = page.get(limit - 1);
        return new Page(List.copyOf(page), new Position(last.createdAt(), last.id()));
    }
}
