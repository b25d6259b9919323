package io.maxplatform.oauth.startup;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.testdb.SchemaDatabase;
import io.maxplatform.oauth.testlog.CapturedLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** SCHEMA_MIGRATION on a real PostgreSQL: what validate refuses and names, what apply leaves on the connection. */
class SchemaMigrationTest {

    private static SchemaMigration on(DataSource database, String mode) {
        return on(database, Map.of("SCHEMA_MIGRATION", mode));
    }

    private static SchemaMigration on(DataSource database, Map<String, String> settings) {
        SchemaMigration migration = new SchemaMigration();
        migration.pool = new ConnectionPool() {
            @Override
            public DataSource dataSource() {
                return database;
            }
        };
        migration.settings = ServerSettings.of(settings);
        return migration;
    }

    @Test
    void validateRefusesASchemaWithPendingChangesetsNamingThemAndTheCommand() throws SQLException {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> on(SchemaDatabase.emptyDatabase("validate_pending"), "validate").migrate());

        assertTrue(refused.getMessage().startsWith("SCHEMA_MIGRATION=validate: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("liquibase/releases/1.0.sql::"), refused.getMessage());
        assertTrue(refused.getMessage().contains("liquibase/releases/1.9.sql::1.9-007-index-oauth-revoked-tokens-client-id"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("mvn liquibase:update -Dliquibase.url="), refused.getMessage());
    }

    /** Asked about an empty schema, Liquibase would create its tables: validate writes nothing. */
    @Test
    void validateOnAnEmptySchemaCreatesNothing() throws SQLException {
        DataSource database = SchemaDatabase.emptyDatabase("validate_empty");
        assertThrows(IllegalStateException.class, () -> on(database, "validate").migrate());
        assertEquals(0, count(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    @Test
    void applyThenValidateStartsAndOffDoesNotLook() throws SQLException {
        DataSource database = SchemaDatabase.emptyDatabase("apply_then_validate");

        on(database, "apply").migrate();

        assertDoesNotThrow(() -> on(database, "validate").migrate());
        assertDoesNotThrow(() -> on(SchemaDatabase.emptyDatabase("never_migrated"), "off").migrate());
    }

    /** A pool that does not search DATABASE_SCHEMA would read and write another schema: the start stops instead. */
    @Test
    void aPoolThatSearchesAnotherSchemaThanDatabaseSchemaStopsTheStart() throws SQLException {
        DataSource database = SchemaDatabase.emptyDatabase("schema_mismatch");
        for (String mode : new String[] {"apply", "validate"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> on(database, Map.of("SCHEMA_MIGRATION", mode, "DATABASE_SCHEMA", "maxplatform")).migrate());
            assertTrue(refused.getMessage().startsWith("DATABASE_SCHEMA=maxplatform, but the server's connections search schema public"),
                    refused.getMessage());
        }
    }

    /** Up to date, apply writes nothing (a role without DDL rights may run with it): here on a read-only database. */
    @Test
    void applyOnASchemaThatIsUpToDateWritesNothing() throws SQLException {
        DataSource database = SchemaDatabase.emptyDatabase("apply_up_to_date");
        on(database, "apply").migrate();
        try (Connection admin = database.getConnection(); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE apply_up_to_date SET default_transaction_read_only = on");
        }

        assertDoesNotThrow(() -> on(database, "apply").migrate());
    }

    /** The pool's limits (here the database's own default of 3 s) are back even after a failed transaction. */
    @Test
    void theLimitsComeBackOnAConnectionWhoseTransactionFailed() throws SQLException {
        DataSource database = SchemaDatabase.emptyDatabase("limits_restored");
        try (Connection admin = database.getConnection(); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE limits_restored SET lock_timeout = '3s'");
        }
        try (Connection connection = database.getConnection(); Statement s = connection.createStatement()) {
            int networkTimeout = connection.getNetworkTimeout();
            s.execute("SET lock_timeout = 0");
            connection.setAutoCommit(false);
            assertThrows(SQLException.class, () -> s.execute("SELECT 1/0"));

            SchemaMigration.restoreLimits(connection, networkTimeout);

            connection.setAutoCommit(true);
            try (ResultSet lockTimeout = s.executeQuery("SELECT current_setting('lock_timeout')")) {
                lockTimeout.next();
                assertEquals("3s", lockTimeout.getString(1));
            }
        }
    }

    /** Settings for a migration whose statements wait 200 ms for a lock, and the changelog with a release to come. */
    private static SchemaMigration upgrading(DataSource database, String changelog, int maxWaitSeconds) {
        SchemaMigration migration = on(database, Map.of("SCHEMA_MIGRATION", "apply",
                "SCHEMA_MIGRATION_LOCK_TIMEOUT_MILLIS", "200", "SCHEMA_MIGRATION_MAX_WAIT_SECONDS", String.valueOf(maxWaitSeconds)));
        migration.changelog = changelog;
        return migration;
    }

    private static long count(DataSource database, String query) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long retries(CapturedLog log) {
        return log.records().stream().filter(r -> r.getMessage().contains("waited more than 200 ms for a lock")).count();
    }

    /**
     * A report holds a lock on oauth_audit_logs while a release must ALTER it: the ALTER gives way after 200 ms
     * (so the inserts queued behind it go on, within their own 2 s), the migration says so and tries again, and it
     * completes once the report ends. Not one insert fails meanwhile.
     */
    @Test
    void aMigrationThatCannotGetItsLockGivesWayRetriesAndTheAuditTrailKeepsBeingWritten() throws Exception {
        DataSource database = SchemaDatabase.emptyDatabase("bounded_lock_wait");
        on(database, "apply").migrate();
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread tokens = new Thread(() -> {
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '2s'"); // as the server's pool
                while (!stop.get()) {
                    s.execute("INSERT INTO oauth_audit_logs (action, client_id, success) VALUES ('token_issued', 'c', true)");
                    written.incrementAndGet();
                }
            } catch (SQLException e) {
                failed.set(e);
            }
        });
        try (CapturedLog log = CapturedLog.of(SchemaMigration.class); Connection report = database.getConnection()) {
            report.setAutoCommit(false);
            report.createStatement().execute("LOCK TABLE oauth_audit_logs IN ACCESS SHARE MODE");
            tokens.start();
            CompletableFuture<Void> migrating = CompletableFuture.runAsync(
                    () -> upgrading(database, "migration-test/pending-alter.xml", 120).migrate());

            await().atMost(Duration.ofSeconds(60)).until(() -> retries(log) >= 2);
            int before = written.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > before + 20);
            assertTrue(log.records().stream().anyMatch(r -> r.getMessage().contains("pending-alter.sql::pending-001-audit-logs-note")
                    && r.getMessage().contains("transaction open")), "names the changeset and who held it up");
            report.commit();

            migrating.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            tokens.join();
        }
        assertNull(failed.get(), "every insert succeeded while the migration waited");
        assertEquals(1, count(database, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'oauth_audit_logs' AND column_name = 'test_note'"));
    }

    @Test
    void aMigrationThatWaitedLongerThanAllowedStopsTheStartNamingTheChangesetAndTheSessions() throws Exception {
        DataSource database = SchemaDatabase.emptyDatabase("bounded_gives_up");
        on(database, "apply").migrate();
        try (Connection report = database.getConnection()) {
            report.setAutoCommit(false);
            report.createStatement().execute("LOCK TABLE oauth_audit_logs IN ACCESS SHARE MODE");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> upgrading(database, "migration-test/pending-alter.xml", 0).migrate());
            assertTrue(refused.getMessage().startsWith(
                    "Changeset migration-test/pending-alter.sql::pending-001-audit-logs-note could not get its locks"), refused.getMessage());
            assertTrue(refused.getMessage().contains("transaction open"), refused.getMessage());
            report.rollback();
        }
        // Nothing left half done, and the connection went back with the limits it came with.
        upgrading(database, "migration-test/pending-alter.xml", 0).migrate();
    }

    /** A unique index that cannot be built (duplicates) is left invalid, as a cancelled build leaves one. */
    @Test
    void anIndexLeftInvalidByAnInterruptedBuildIsDroppedAndBuiltAgain() throws Exception {
        DataSource database = SchemaDatabase.emptyDatabase("leftover_index");
        on(database, "apply").migrate();
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.execute("CREATE UNIQUE INDEX CONCURRENTLY ix_oauth_scopes_test ON oauth_scopes (category)"));
        }
        try (CapturedLog log = CapturedLog.of(LockWait.class)) {
            upgrading(database, "migration-test/pending-index.xml", 0).migrate();
            assertTrue(log.records().stream().anyMatch(r -> r.getMessage().startsWith("Dropped index ix_oauth_scopes_test")));
        }
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet index = s.executeQuery("SELECT i.indisvalid, i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                     + " WHERE c.relname = 'ix_oauth_scopes_test'")) {
            assertTrue(index.next());
            assertTrue(index.getBoolean(1), "valid");
            assertFalse(index.getBoolean(2), "the changeset's index, not the leftover");
        }
    }
}
