package io.maxplatform.oauth.error;

import java.sql.SQLException;
import java.util.Optional;
import javax.transaction.xa.XAException;

/**
 * What a persistence failure was, found by walking its causes: the database unable to serve (an
 * {@linkplain #outage outage}), or refusing what the request carried, or neither, which is the server's bug.
 * Only the first is a 503: a JPQL mistake, a missing row or a constraint the code did not expect must not be
 * reported as the database being down, nor counted in the metric operators alert on for outages.
 */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Causes are chained by libraries we do not control; a cycle or a very deep chain must not hang us. */
    private static final int MAX_DEPTH = 32;

    private DatabaseErrors() {
    }

    /** The outage that caused {@code e}, if it was one (SQLSTATE classes in PostgreSQL's Appendix A). */
    public static Optional<DatabaseOutage> outage(Throwable e) {
        boolean rolledBack = false;
        boolean noConnection = false;
        boolean statementFailed = false;
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
            if (t instanceof DatabaseUnavailable unavailable) {
                return Optional.of(unavailable.outage());
            }
            String state = sqlState(t);
            Optional<DatabaseOutage> bySqlState = bySqlState(state);
            if (bySqlState.isPresent()) {
                return bySqlState;
            }
            statementFailed |= state != null || isOptimisticLockFailure(t);
            if (t instanceof XAException xa && isResourceFailure(xa.errorCode)) {
                return Optional.of(DatabaseOutage.UNREACHABLE);
            }
            // The pool's own failures (Payara's and WildFly's connectors) carry no SQLSTATE; a deeper cause may.
            noConnection |= t.getClass().getName().startsWith("jakarta.resource.");
            rolledBack |= t instanceof jakarta.transaction.RollbackException;
        }
        if (noConnection) {
            return Optional.of(DatabaseOutage.NO_CONNECTION);
        }
        // A commit rolled back because one of its statements failed (EclipseLink writes at commit) is that
        // statement's failure, not the transaction manager's.
        return rolledBack && !statementFailed ? Optional.of(DatabaseOutage.COMMIT_ROLLED_BACK) : Optional.empty();
    }

    private static Optional<DatabaseOutage> bySqlState(String state) {
        if (state == null) {
            return Optional.empty();
        }
        if (state.startsWith("08")) {
            return Optional.of(DatabaseOutage.UNREACHABLE);
        }
        if (state.startsWith("53")) {
            return Optional.of(DatabaseOutage.OUT_OF_RESOURCES);
        }
        return Optional.ofNullable(switch (state) {
            case "57P01", "57P02", "57P03" -> DatabaseOutage.SHUTTING_DOWN;
            case "57014" -> DatabaseOutage.STATEMENT_TIMEOUT;
            case "55P03" -> DatabaseOutage.LOCK_TIMEOUT;
            case "40001", "40P01" -> DatabaseOutage.TRANSACTION_CONFLICT;
            default -> null;
        });
    }

    /** XA codes for a resource manager that failed or a communication that broke (X/Open XA §5). */
    private static boolean isResourceFailure(int errorCode) {
        return errorCode == XAException.XAER_RMFAIL || errorCode == XAException.XAER_RMERR
                || errorCode == XAException.XA_RBCOMMFAIL;
    }

    /**
     * The database refused a value the request carried (SQLSTATE class 22, "data exception": a NUL in text,
     * a string too long for its column, a number out of range). The request's error, never an outage;
     * input checks should refuse such values first, this is the net under them.
     */
    public static boolean isRefusedRequestData(Throwable e) {
        return anySqlState(e, "22");
    }

    /**
     * The request lost a race with a concurrent change: a key another request took meanwhile (23505
     * unique_violation, 23P01 exclusion_violation) or a row version that changed (optimistic locking). Sent again
     * after reading the current state, it may succeed; it is not an outage. Other constraints (not null, check,
     * foreign key) failing are the server's bug: the request was checked before it was written.
     */
    public static boolean isConflict(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
            if (isOptimisticLockFailure(t)) {
                return true;
            }
        }
        return anySqlState(e, UNIQUE_VIOLATION) || anySqlState(e, "23P01");
    }

    private static boolean isOptimisticLockFailure(Throwable t) {
        return t instanceof jakarta.persistence.OptimisticLockException
                || t.getClass().getName().equals("org.eclipse.persistence.exceptions.OptimisticLockException");
    }

    /**
     * The database refused one row for what it holds, not for the state of the database: a data exception
     * (class 22), a broken constraint (class 23) or a trigger's {@code RAISE} (class P0). Other rows written with
     * it would have been taken.
     */
    public static boolean isRefusedRow(Throwable e) {
        return anySqlState(e, "22") || anySqlState(e, "23") || anySqlState(e, "P0");
    }

    /** A statement cancelled by {@code statement_timeout} (SQLSTATE 57014, query_canceled). */
    public static boolean isStatementTimeout(Throwable e) {
        return outage(e).filter(DatabaseOutage.STATEMENT_TIMEOUT::equals).isPresent();
    }

    public static boolean isUniqueViolation(Throwable e) {
        return anySqlState(e, UNIQUE_VIOLATION);
    }

    private static boolean anySqlState(Throwable e, String prefix) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
            String state = sqlState(t);
            if (state != null && state.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SQLSTATE of {@code t}, also when a driver or a transaction manager wrapped an {@link SQLException}
     * as the next exception of another rather than as its cause.
     */
    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            for (SQLException s = sql; s != null; s = s.getNextException()) {
                if (s.getSQLState() != null) {
                    return s.getSQLState();
                }
            }
        }
        return null;
    }
}
