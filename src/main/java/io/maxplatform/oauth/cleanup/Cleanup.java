package io.maxplatform.oauth.cleanup;

import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Removes what nothing needs any more, on the server's managed scheduler (Jakarta Concurrency, no thread of
 * our own): revocations of tokens that have expired, client secrets past their grace period, signing keys
 * no longer published, used client assertions past their expiry, counts of failed authentications
 * whose minute has passed. Deletes run in batches of {@value #BATCH} rows, each its own short transaction:
 * a DBA can watch them, they never lock the table for long, and autovacuum reclaims the space as they go. With
 * several nodes on one database, an advisory lock lets one of them do each round. (The audit trail's retention
 * drops whole days: {@code audit.AuditPartitions}.)
 */
@ApplicationScoped
public class Cleanup {

    private static final Logger LOG = Logger.getLogger(Cleanup.class.getName());
    static final int BATCH = 5_000;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    CleanupRepository repository;

    @Inject
    InTransaction transaction;

    @Inject
    ServerSettings settings;

    /** Called once at start-up; the first round runs one interval later. */
    public void schedule() {
        long seconds = settings.cleanupInterval().toSeconds();
        scheduler.scheduleWithFixedDelay(this::runSafely, seconds, seconds, TimeUnit.SECONDS);
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            // The next round tries again; a database outage must not end the schedule.
            FailureLog.warning(LOG, "Clean-up round failed; the next round tries again", e);
        }
    }

    /** Batch after batch, each in its own transaction under the lock; -1 when another node holds it. */
    private long deleteInBatches(IntSupplier batch) {
        long total = 0;
        int deleted;
        do {
            Integer rows = transaction.run(() -> repository.tryLock() ? batch.getAsInt() : null);
            if (rows == null) {
                return total == 0 ? -1 : total;
            }
            deleted = rows;
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    /** One round: returns the rows removed, or -1 when another node holds the round. */
    long run() {
        long revocations = deleteInBatches(() -> repository.deleteExpiredRevocations(
                JwtVerificationConfigSource.CLOCK_SKEW_SECONDS, BATCH));
        if (revocations < 0) {
            return -1;
        }
        long secrets = Math.max(0, deleteInBatches(() -> repository.deleteExpiredSecrets(BATCH)));
        long keys = Math.max(0, deleteInBatches(repository::deleteUnpublishedKeys));
        long assertions = Math.max(0, deleteInBatches(() -> repository.deleteExpiredAssertions(
                JwtVerificationConfigSource.CLOCK_SKEW_SECONDS, BATCH)));
        long failureCounts = Math.max(0, deleteInBatches(() -> repository.deletePastFailureCounts(BATCH)));
        long total = revocations + secrets + keys + assertions + failureCounts;
        if (total > 0) {
            LOG.info("Clean-up removed " + revocations + " expired revocation(s), " + secrets + " client secret(s) past "
                    + "their grace period, " + keys + " signing key(s) no longer published, " + assertions
                    + " expired client assertion(s) and " + failureCounts + " past count(s) of failed authentications");
        }
        return total;
    }
}
