package io.maxplatform.oauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Figures drawn from the audit trail's rollups (release 1.7), never from its raw rows: counts per UTC hour and per
 * day, kept in the same transaction as the rows they count, so each figure is exact and costs the same at any size.
 * A figure "of the last 24 hours" covers the current hour and the 23 whole hours before it ({@link #windowStart}).
 */
@ApplicationScoped
public class AuditStatisticsRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    public record Count(String name, long count) {
    }

    /** The start of the last 24 hourly buckets, by the database's clock (which stamped the buckets). */
    public OffsetDateTime windowStart() {
        Object start = em.createNativeQuery("SELECT date_trunc('hour', now(), 'UTC') - interval '23 hours'").getSingleResult();
        return toUtc(start);
    }

    /** Tokens issued from the hour {@code since}. */
    public long tokensIssued(OffsetDateTime since) {
        return number(em.createNativeQuery("SELECT COALESCE(sum(events), 0)::bigint FROM oauth_audit_hourly_counts"
                        + " WHERE hour >= ?1 AND action = ?2 AND success")
                .setParameter(1, since)
                .setParameter(2, AuditLogEntry.TOKEN_ISSUED)
                .getSingleResult());
    }

    /** Tokens issued in the whole audit trail (what the retention keeps), from a few rows a day. */
    public long tokensIssued() {
        return number(em.createNativeQuery("SELECT COALESCE(sum(events), 0)::bigint FROM oauth_audit_daily_counts"
                        + " WHERE action = ?1 AND success")
                .setParameter(1, AuditLogEntry.TOKEN_ISSUED)
                .getSingleResult());
    }

    /**
     * Failed client authentications at any client-authenticated endpoint (token, revocation, introspection),
     * not counting attempts refused by the throttle, where no secret was checked.
     */
    public long failedAuthentications(OffsetDateTime since) {
        return number(em.createNativeQuery("SELECT COALESCE(sum(events), 0)::bigint FROM oauth_audit_hourly_counts"
                        + " WHERE hour >= ?1 AND NOT success AND error_code = 'invalid_client' AND reason <> 'throttled'")
                .setParameter(1, since)
                .getSingleResult());
    }

    /** Tokens issued per client from the hour {@code since}, most first. */
    public List<Count> tokensPerClient(OffsetDateTime since, int limit) {
        return counts(em.createNativeQuery("SELECT client_id, sum(events)::bigint FROM oauth_audit_hourly_counts"
                        + " WHERE hour >= ?1 AND action = ?2 AND success"
                        + " GROUP BY client_id ORDER BY 2 DESC, 1 LIMIT ?3")
                .setParameter(1, since)
                .setParameter(2, AuditLogEntry.TOKEN_ISSUED)
                .setParameter(3, limit)
                .getResultList());
    }

    /** How often each scope was granted in tokens issued from the hour {@code since}, most first. */
    public List<Count> topScopes(OffsetDateTime since, int limit) {
        return counts(em.createNativeQuery("SELECT scope, sum(tokens)::bigint FROM oauth_audit_hourly_scopes"
                        + " WHERE hour >= ?1 GROUP BY scope ORDER BY 2 DESC, 1 LIMIT ?2")
                .setParameter(1, since)
                .setParameter(2, limit)
                .getResultList());
    }

    private static List<Count> counts(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(row -> new Count((String) row[0], number(row[1]))).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static OffsetDateTime toUtc(Object time) {
        if (time instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (time instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time type " + time.getClass().getName());
    }
}
