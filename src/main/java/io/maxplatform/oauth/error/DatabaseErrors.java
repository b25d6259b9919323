package io.maxplatform.oauth.error;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** What a persistence failure was, found by walking its causes. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /** A failure of the database itself (unreachable, refused, timed out), not of the request. */
    public static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException
                    || t.getClass().getName().startsWith("org.eclipse.persistence.exceptions")
                    || t.getClass().getName().startsWith("jakarta.resource")) {
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
