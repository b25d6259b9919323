package io.maxplatform.oauth.audit;

import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Upkeep of the audit trail's daily partitions, at start and then at every clean-up interval: the partitions of the
 * next {@value #DAYS_AHEAD} days exist before a row needs them, and rows older than {@code AUDIT_RETENTION_DAYS}
 * go by whole days: their partition is dropped (or detached, {@code AUDIT_RETENTION_MODE=detach}) with its rollup
 * rows, never deleted row by row. A row whose day has no partition lands in the default partition; it is counted
 * as a metric, logged, and moved into its day's partition at the next round. With several instances, the database
 * functions take an advisory lock, so one of them does each step.
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class.getName());
    static final int DAYS_AHEAD = 7;
    static final int BATCH = 5_000;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditPartitionRepository repository;

    @Inject
    ServerSettings settings;

    @Inject
    ServerMetrics metrics;

    /** A first round now (a failure is logged: the default partition keeps every row meanwhile), then on schedule. */
    public void start() {
        maintainSafely();
        long seconds = settings.cleanupInterval().toSeconds();
        scheduler.scheduleWithFixedDelay(this::maintainSafely, seconds, seconds, TimeUnit.SECONDS);
    }

    private void maintainSafely() {
        try {
            maintain();
        } catch (RuntimeException e) {
            // The next round tries again; a database outage or a lock held too long must not end the schedule.
            FailureLog.warning(LOG, "Audit partition upkeep failed; the next round tries again", e);
        }
    }

    void maintain() {
        List<String> created = repository.addPartitions(DAYS_AHEAD);
        if (!created.isEmpty()) {
            LOG.info("Audit partitions created: " + String.join(", ", created));
        }
        int retentionDays = settings.auditRetentionDays();
        if (retentionDays > 0) {
            List<String> retired = repository.retirePartitions(retentionDays, settings.auditRetentionDetaches());
            if (!retired.isEmpty()) {
                LOG.info("Audit partitions past the " + retentionDays + "-day retention "
                        + (settings.auditRetentionDetaches() ? "detached (for archiving): " : "dropped: ")
                        + String.join(", ", retired));
            }
            long deleted = 0;
            for (int rows = BATCH; rows == BATCH; deleted += rows) {
                rows = repository.deleteRowsOlderThan(retentionDays, BATCH);
            }
            if (deleted > 0) {
                LOG.info("Deleted " + deleted + " audit row(s) past the retention from the partition attached at the upgrade");
            }
        }
        long inDefault = repository.rowsInDefaultPartition();
        metrics.auditRowsInDefaultPartition(inDefault);
        if (inDefault > 0) {
            LOG.warning(inDefault + " audit row(s) are in the default partition (a day without its partition);"
                    + " they move to their day's partition at the next round");
        }
    }
}
