package io.maxplatform.oauth.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;

/**
 * What a migration does about a changeset that waited too long for a lock: recognise the failure, say who held the
 * database up, and clear what a concurrent index build leaves behind when it is cancelled.
 */
final class LockWait {

    private static final Logger LOG = Logger.getLogger(LockWait.class.getName());

    /** lock_not_available (lock_timeout) and deadlock_detected: both end with the transaction rolled back. */
    private static final Set<String> RETRYABLE = Set.of("55P03", "40P01");

    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);

    private LockWait() {
    }

    /** Whether {@code failure} comes from a statement that gave up waiting for a lock. */
    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (RETRYABLE.contains(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The other sessions of this database with a transaction open for more than a second, longest first: the usual
     * holders of the lock a migration waits for. Without their statements, which may carry data.
     */
    static String longTransactions(Connection connection) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT pid, usename, application_name, state,"
                     + " extract(epoch FROM now() - xact_start)::bigint FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND xact_start < now() - interval '1 second' ORDER BY xact_start LIMIT 5")) {
            while (rows.next()) {
                sessions.add("pid " + rows.getInt(1) + " (" + rows.getString(2) + ", application '" + rows.getString(3)
                        + "', " + rows.getString(4) + ", transaction open " + rows.getLong(5) + " s)");
            }
        }
        return sessions.isEmpty() ? "no other session has had a transaction open for more than 1 s"
                : "sessions with a transaction open for more than 1 s: " + String.join(", ", sessions);
    }

    /**
     * A {@code CREATE INDEX CONCURRENTLY} that is cancelled (a lock wait, a crash) leaves its index behind, invalid,
     * and the changeset's next attempt would fail on the name: such an index of a pending changeset is dropped first.
     * Only while this instance holds the migration lock, so no other build of it can be under way.
     */
    static void dropLeftoverIndexes(Connection connection, List<ChangeSet> pending) throws SQLException {
        for (ChangeSet changeSet : pending) {
            if (changeSet.isRunInTransaction()) {
                continue;
            }
            for (String index : concurrentIndexes(changeSet)) {
                if (isInvalid(connection, index)) {
                    connection.setAutoCommit(true); // DROP INDEX CONCURRENTLY runs outside a transaction
                    try (Statement drop = connection.createStatement()) {
                        drop.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                    }
                    LOG.warning("Dropped index " + index + ", left invalid by an interrupted build of "
                            + changeSet.getFilePath() + "::" + changeSet.getId() + "; the changeset builds it again");
                }
            }
        }
    }

    static List<String> concurrentIndexes(ChangeSet changeSet) {
        List<String> names = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                Matcher index = CONCURRENT_INDEX.matcher(sql.getSql());
                while (index.find()) {
                    names.add(index.group(1));
                }
            }
        }
        return names;
    }

    private static boolean isInvalid(Connection connection, String index) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid")) {
            find.setString(1, index);
            try (ResultSet found = find.executeQuery()) {
                return found.next();
            }
        }
    }
}
