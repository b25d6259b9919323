package io.maxplatform.oauth.config;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Runs work once the caller's transaction has committed, or at once outside a transaction: an in-memory
 * view changes only with what the database really holds, never with a change that rolled back.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
    /** Longer than a statement may run (4 s) plus a connection wait (5 s). */
    private static final long WAIT_SECONDS = 10;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    public void run(Runnable work) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            work.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    runOutsideTheTransaction(work);
                }
            }
        });
    }

    /**
     * During {@code afterCompletion} the thread still belongs to the finished transaction, and a server may
     * refuse it a connection (WildFly does: "Transaction cannot proceed: STATUS_COMMITTED"; JTA leaves it
     * unspecified). The work runs on a thread of its own, and the caller waits for it, so that it sees its
     * own change once it returns.
     */
    private void runOutsideTheTransaction(Runnable work) {
        Future<?> done;
        try {
            done = executor.submit(work);
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
