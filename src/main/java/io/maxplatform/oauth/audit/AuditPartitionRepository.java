package io.maxplatform.oauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The audit trail's daily partitions (release 1.7), through the functions the changelog defines, so that the DDL
 * a DBA reviews is in the changelog and not in Java. Each call is its own transaction.
 */
@ApplicationScoped
public class AuditPartitionRepository {

    /** The advisory lock the partition functions take: here only to name it with the others. */
    static final long LOCK_KEY = 0x6d61787061L;

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Creates the partitions of today and the next {@code daysAhead} days, and of days the default partition holds. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<String> addPartitions(int daysAhead) {
        return em.createNativeQuery("SELECT oauth_audit_add_partitions(?1)").setParameter(1, daysAhead).getResultList();
    }

    /**
     * Drops (or detaches) every partition whose rows are all older than the start of the UTC day
     * {@code retentionDays} ago, with its rollup rows.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<String> retirePartitions(int retentionDays, boolean detach) {
        return em.createNativeQuery("SELECT oauth_audit_retire_partitions(" + KEEP_FROM + ", ?2)")
                .setParameter(1, retentionDays)
                .setParameter(2, detach)
                .getResultList();
    }

    private static final String KEEP_FROM = "date_trunc('day', now(), 'UTC') - make_interval(days => ?1)";

    /**
     * Rows past the retention in a partition that also holds younger ones: only the table attached at the upgrade to
     * release 1.7 (it spans every day before it), until it is dropped whole. At most {@code batch}, through the
     * function of release 1.9, since the runtime role may not delete audit rows itself.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteRowsOlderThan(int retentionDays, int batch) {
        return ((Number) em.createNativeQuery("SELECT oauth_audit_delete_rows_before(" + KEEP_FROM + ", ?2)")
                .setParameter(1, retentionDays)
                .setParameter(2, batch)
                .getSingleResult()).intValue();
    }

    /** Rows in the default partition: rows of a day that had no partition when they were written. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long rowsInDefaultPartition() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM oauth_audit_logs_default").getSingleResult()).longValue();
    }
}
