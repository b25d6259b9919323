package io.maxplatform.oauth.error;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** What a persistence failure was, found by walking its causes. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /**
     * The database refused a value the request carried (SQLSTATE class 22, "data exception": a NUL in text,
     * a string too long for its column, a number out of range). The request's error, never an outage;
     * input checks should refuse such values first, this is the net under them.
     */
    public static boolean isRefusedRequestData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database refused one row for what it holds, not for the state of the database: a data exception
     * (class 22), a broken constraint (class 23) or a trigger's {@code RAISE} (class P0). Other rows written with
     * it would have been taken.
     */
    public static boolean isRefusedRow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("P0"))) {
                return true;
            }
        }
        return false;
    }

    /** A statement cancelled by {@code statement_timeout} (SQLSTATE 57014, query_canceled). */
    public static boolean isStatementTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A failure of the database itself (unreachable, refused, timed out), not of the request. */
    public static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException
                    || t.getClass().getName().startsWith("org.eclipse.persistence.exceptions")
                    || t.getClass().getName().startsWith("jakarta.resource")
                    // A commit that rolled back: the database refused it (the cause is not always kept).
                    || t instanceof jakarta.transaction.RollbackException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
