package io.maxplatform.oauth.audit;

import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.error.DatabaseOutage;
import io.maxplatform.oauth.error.Refusal;
import io.maxplatform.oauth.error.ServerFailure;
import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one way a call is audited, in two kinds:
 * <ul>
 *   <li>a {@linkplain #change change} (a client registered, a key rotated, a token revoked): the work and its
 *       success row commit in one transaction, so a change is never made without its row;</li>
 *   <li>an {@linkplain #answer answer} (a token issued, an introspection, a read): the work first (what it
 *       writes itself commits on its own), then its row, committed together with the rows of concurrent
 *       answers ({@link AuditGroupCommit}); the answer is returned only after its row committed.</li>
 * </ul>
 * A refusal is written afterwards in a transaction of its own, so it survives the rollback of the refused
 * work. Writing a refusal's row may itself fail (the database is down); that is logged and never replaces
 * the original error.
 */
@ApplicationScoped
public class AuditedCalls {

    private static final Logger LOG = Logger.getLogger(AuditedCalls.class.getName());

    @Inject
    InTransaction transaction;

    @Inject
    AuditLogRepository log;

    @Inject
    AuditGroupCommit groupCommit;

    @Inject
    ServerMetrics metrics;

    public <T> T change(AuditedCall call, Supplier<T> work) {
        return audited(call, () -> transaction.run(() -> {
            T done = work.get();
            log.add(call.succeeded());
            return done;
        }));
    }

    public <T> T answer(AuditedCall call, Supplier<T> work) {
        return audited(call, () -> {
            T done = transaction.run(work);
            groupCommit.append(call.succeeded());
            return done;
        });
    }

    /**
     * An answer whose work opens no transaction of the caller's: it reads through caches (or in transactions of
     * their own) and what it writes commits on its own (a used assertion, a failure count). A token request or an
     * introspection: a JTA transaction around it would begin and commit around nothing.
     */
    public <T> T answerOutsideTransaction(AuditedCall call, Supplier<T> work) {
        return audited(call, () -> {
            T done = work.get();
            groupCommit.append(call.succeeded());
            return done;
        });
    }

    private <T> T audited(AuditedCall call, Supplier<T> recorded) {
        try {
            T result = recorded.get();
            if (AuditLogEntry.TOKEN_ISSUED.equals(call.action())) {
                count(() -> metrics.tokenIssued(call.verifiedClientId()));
            }
            return result;
        } catch (RuntimeException e) {
            refused(call, e);
            throw e;
        }
    }

    /** Records why {@code call} failed: its own refusal, or a failure of the server. */
    public void refused(AuditedCall call, Throwable failure) {
        if (failure instanceof Refusal refusal) {
            refused(call, refusal.auditErrorCode(), refusal.auditReason(), refusal.auditDetail());
        } else {
            ServerFailure answered = ServerFailure.of(failure);
            refused(call, answered.error(), answered.reason(), answered.outage()
                    .map(DatabaseOutage::description)
                    .orElse(answered.message()));
        }
    }

    public void refused(AuditedCall call, String errorCode, String reason, String detail) {
        count(() -> metrics.refused(call.refusedAction(), call.verifiedClientId(), errorCode, reason));
        try {
            transaction.runOnItsOwn(() -> log.addRefusal(call.refused(errorCode, reason, detail)));
        } catch (RuntimeException auditFailed) {
            FailureLog.warning(LOG, "A refused call could not be audited (" + reason + ", from " + call.sourceAddress() + ")",
                    auditFailed);
        }
    }

    /** A figure for the operator; never a reason for a call or its audit row to fail. */
    private static void count(Runnable metric) {
        try {
            metric.run();
        } catch (RuntimeException e) {
            FailureLog.warning(LOG, "A metric could not be counted", e);
        }
    }
}
