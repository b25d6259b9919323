package io.maxplatform.oauth.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Runs work once the caller's transaction has committed, or at once outside a transaction: an in-memory
 * view changes only with what the database really holds, never with a change that rolled back.
 * <p>
 * Work that only changes memory ({@link #run}) runs on the committing thread, at once. Work that reads the
 * database ({@link #runWithDatabase}) cannot: during {@code afterCompletion} the thread still belongs to the finished
 * transaction, and a server may refuse it a connection (WildFly does: "Transaction cannot proceed:
 * STATUS_COMMITTED"; JTA leaves it unspecified). That work runs on a small pool of this class's own, so it
 * neither waits behind nor starves the container's default executor, and the caller waits for it a bounded
 * time, so that it sees its own change once it returns.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
    /** Longer than a statement may run (4 s) plus a connection wait (5 s). */
    private static final long WAIT_SECONDS = 10;
    /** Reads after commit are rare (a key rotated, a lifetime changed): two threads, and a short queue. */
    private static final int THREADS = 2;
    private static final int QUEUED = 64;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ThreadPoolExecutor readers;

    @PostConstruct
    void start() {
        readers = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), threads);
        readers.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    /** {@code work} must only change memory: it runs on the committing thread, which may have no connection. */
    public void run(Runnable work) {
        afterCommit(work);
    }

    /** {@code work} may read the database: it runs on a thread of its own, and the caller waits for it. */
    public void runWithDatabase(Runnable work) {
        afterCommit(() -> runOnAReader(work));
    }

    private void afterCommit(Runnable work) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            work.run();
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback, or ending: the change will not commit, so memory must not show it
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }

    private void runOnAReader(Runnable work) {
        Future<?> done;
        try {
            done = readers.submit(work);
        } catch (RejectedExecutionException busy) {
            work.run(); // better on this thread, where it may fail, than not at all
            return;
        }
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            FailureLog.warning(LOG, "Work after a commit failed", e.getCause());
        } catch (TimeoutException e) {
            LOG.warning("Work after a commit still runs after " + WAIT_SECONDS + " s; answering without waiting for it");
        }
    }
}
