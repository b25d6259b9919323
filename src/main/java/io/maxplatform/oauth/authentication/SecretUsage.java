package io.maxplatform.oauth.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.maxplatform.oauth.client.ClientSecretRepository;
import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each secret's {@code last_used_at} roughly current without a write per token: the first use in a
 * minute writes it, off the request's path (a managed executor, its own transaction); later uses in that
 * minute write nothing.
 *
 * <p>Operators retire a secret once its {@code last_used_at} stops moving (src/site/markdown/operators.md, rotating a secret), so a write
 * that does not happen is never silent: a failed write is logged at WARNING (at most once a minute, with how many
 * failed since) and counted in {@code maxplatform_secret_usage_write_failures_total{reason="database"}}. The writes
 * share the server's default managed executor with other work, so at most {@value #MAX_PENDING_WRITES} of them
 * wait or run there at once: a use beyond that is not written but counted ({@code reason="busy"}). Either way the
 * secret's next use tries again, so a secret in use keeps its {@code last_used_at} moving.
 */
@ApplicationScoped
public class SecretUsage {

    private static final Logger LOG = Logger.getLogger(SecretUsage.class.getName());
    static final Duration PRECISION = Duration.ofMinutes(1);
    /** Writes queued on or running in the shared executor at once; one is a short UPDATE of one row. */
    static final int MAX_PENDING_WRITES = 4;
    /** At most one WARNING per this long while writes keep failing (a database outage fails each one). */
    static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    ClientSecretRepository secrets;

    @Inject
    InTransaction transaction;

    @Inject
    ServerMetrics metrics;

    /** What measures the minute; a test moves it by hand. */
    Ticker ticker = Ticker.systemTicker();

    /** Stored hashes whose use was recorded within the last minute; bounded, as clients come and go. */
    private final Cache<String, Boolean> recentlyRecorded = Caffeine.newBuilder()
            .expireAfterWrite(PRECISION)
            .maximumSize(100_000)
            .ticker(() -> ticker.read())
            .build();

    private final Semaphore pendingWrites = new Semaphore(MAX_PENDING_WRITES);
    /** The ticker's reading at the last WARNING (guarded by itself), and the failures since that were not warned of. */
    private final Object warning = new Object();
    private Long warnedAt;
    private final AtomicLong unwarnedFailures = new AtomicLong();

    void used(String clientId, String storedHash) {
        if (recentlyRecorded.asMap().putIfAbsent(storedHash, Boolean.TRUE) != null) {
            return;
        }
        if (!pendingWrites.tryAcquire()) {
            notWritten(storedHash);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    transaction.runOnItsOwn(() -> secrets.touch(clientId, storedHash));
                } catch (RuntimeException e) {
                    recentlyRecorded.invalidate(storedHash);
                    metrics.secretUsageWriteFailed();
                    warn(clientId, e);
                } finally {
                    pendingWrites.release();
                }
            });
        } catch (RejectedExecutionException e) {
            pendingWrites.release();
            notWritten(storedHash);
        }
    }

    /** Too many writes pending (or the executor refused one): this use is not written; the next one tries again. */
    private void notWritten(String storedHash) {
        recentlyRecorded.invalidate(storedHash);
        metrics.secretUsageWriteDropped();
    }

    /** Names the client, never the secret or its hash; the exception's own text carries no bound parameters. */
    private void warn(String clientId, RuntimeException e) {
        long now = ticker.read();
        boolean due;
        synchronized (warning) {
            due = warnedAt == null || now - warnedAt >= WARNING_INTERVAL.toNanos();
            if (due) {
                warnedAt = now;
            }
        }
        if (!due) {
            unwarnedFailures.incrementAndGet();
            FailureLog.log(LOG, Level.FINE, "last_used_at of a secret of client " + clientId + " not written", e);
            return;
        }
        long since = unwarnedFailures.getAndSet(0);
        FailureLog.warning(LOG, "last_used_at of a secret of client " + clientId + " was not written, so the secret may"
                + " look unused although it is in use; its next use tries again"
                + (since > 0 ? " (" + since + " other write(s) failed since the last warning)" : "")
                + ": " + e, e);
    }
}
