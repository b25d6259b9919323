package io.maxplatform.oauth.error;

import java.util.Arrays;
import java.util.List;

/**
 * Why the database could not serve a request that was itself fine. Each is answered 503 with
 * {@code Retry-After} (RFC 9110 §15.6.4), counted in {@code maxplatform_database_errors_total} under its
 * {@link #reason()}, and named in the log line and the audit row, so an operator sees which of them to fix.
 */
public enum DatabaseOutage {

    /** SQLSTATE class 08 or an XA resource failure: no connection, or it broke mid-statement or mid-commit. */
    UNREACHABLE("database_unreachable", "the database cannot be reached or dropped the connection"),
    /**
     * 57P01–57P03: the database ended the session (an administrator's {@code pg_terminate_backend}, a shutdown,
     * a crash) or is still starting.
     */
    SHUTTING_DOWN("database_shutting_down", "the database ended the session or is starting up"),
    /** Class 53: out of disk, memory or connections on the database side. */
    OUT_OF_RESOURCES("database_out_of_resources", "the database ran out of disk, memory or connections"),
    /** 57014: a statement outlived {@code statement_timeout}. */
    STATEMENT_TIMEOUT("statement_timeout", "a statement ran longer than its time limit"),
    /** 55P03: a lock was not granted within {@code lock_timeout}. */
    LOCK_TIMEOUT("lock_timeout", "a lock was not granted within its time limit"),
    /** 40001, 40P01: a serialization failure or a deadlock; the same request succeeds when retried. */
    TRANSACTION_CONFLICT("transaction_conflict", "the transaction conflicted with a concurrent one"),
    /** The connection pool gave no connection in time: every connection busy, or none could be opened. */
    NO_CONNECTION("no_connection", "no database connection was available in time"),
    /** The transaction manager rolled a commit back without saying why (a resource failed, a timeout). */
    COMMIT_ROLLED_BACK("commit_rolled_back", "the transaction manager rolled the commit back"),
    /** The audit row of an answer did not commit in time; no answer leaves without its row. */
    AUDIT_ROW_LATE("audit_row_late", "the audit row was not committed in time"),
    /** The server is stopping; work still queued for the database is refused. */
    SERVER_STOPPING("server_stopping", "the server is stopping");

    private final String reason;
    private final String description;

    DatabaseOutage(String reason, String description) {
        this.reason = reason;
        this.description = description;
    }

    /** Every reason, for the metric's series to exist from the start. */
    public static List<String> reasons() {
        return Arrays.stream(values()).map(DatabaseOutage::reason).toList();
    }

    /** The label in metrics, logs and audit rows. */
    public String reason() {
        return reason;
    }

    public String description() {
        return description;
    }
}
