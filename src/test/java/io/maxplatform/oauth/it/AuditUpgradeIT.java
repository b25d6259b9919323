package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * The upgrade to release 1.7 on a real PostgreSQL (a database of its own in the suite's server): an installation of
 * release 1.6 with audit rows, written to all along, takes the changelog. The old table becomes a partition without
 * being rewritten, every row is kept and counted once in the rollups, writes go on during the upgrade, and the
 * rollback puts every row, also those written since, back into one table.
 */
class AuditUpgradeIT {

    private static final int SEEDED = 200_000;
    /** The changesets of release 1.7. */
    private static final int RELEASE_1_7 = 21;

    @Test
    void anInstallationOfRelease16WithRowsUpgradesAndRollsBackWithoutLosingARow() throws Exception {
        String url = createDatabase("audit_upgrade");
        Path root = Path.of(System.getProperty("it.basedir"));
        Path upTo16 = root.resolve("target/audit-upgrade/changelog-1.6.xml");
        Files.createDirectories(upTo16.getParent());
        Files.writeString(upTo16, Files.readString(root.resolve("liquibase/changelog.xml"))
                .replace("<include file=\"liquibase/releases/1.7.sql\"/>", ""));
        update(url, root, "target/audit-upgrade/changelog-1.6.xml");
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success, error_code, reason, scope, created_at)"
                    + " SELECT CASE WHEN i % 10 = 0 THEN 'token_request_failed' ELSE 'token_issued' END, 'client-' || (i % 50),"
                    + " i % 10 <> 0, CASE WHEN i % 10 = 0 THEN 'invalid_client' END, CASE WHEN i % 10 = 0 THEN 'bad_secret' END,"
                    + " CASE WHEN i % 10 <> 0 THEN 'read:profile admin:oauth' END, now() - i * interval '1 second'"
                    + " FROM generate_series(1, " + SEEDED + ") i");
        }

        // Tokens go on being issued while the upgrade runs: every insert must succeed.
        AtomicBoolean upgrading = new AtomicBoolean(true);
        AtomicLong slowestInsertMillis = new AtomicLong();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Long> written = writer.submit(() -> {
            long rows = 0;
            try (Connection c = connect(url);
                 PreparedStatement insert = c.prepareStatement("INSERT INTO oauth_audit_logs (action, client_id, success, scope)"
                         + " VALUES ('token_issued', 'during-upgrade', true, 'read:profile')")) {
                while (upgrading.get()) {
                    long start = System.nanoTime();
                    insert.executeUpdate();
                    slowestInsertMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    rows++;
                }
            }
            return rows;
        });
        long started = System.nanoTime();
        try {
            update(url, root, "liquibase/changelog.xml");
        } finally {
            upgrading.set(false);
        }
        long upgradeMillis = (System.nanoTime() - started) / 1_000_000;
        long duringUpgrade = written.get();
        writer.shutdown();
        System.out.printf("Upgrade of %,d audit rows to release 1.7: %,d ms; %,d rows written meanwhile, the slowest in %,d ms%n",
                SEEDED, upgradeMillis, duringUpgrade, slowestInsertMillis.get());

        try (Connection c = connect(url); Statement s = c.createStatement()) {
            assertEquals(List.of("oauth_audit_logs_before_1_7"), strings(s, "SELECT partition_name FROM oauth_audit_partitions()"));
            assertEquals(SEEDED + duringUpgrade, count(s, "SELECT count(*) FROM oauth_audit_logs"));
            assertRollupsEqualRawRows(s);
            s.execute("SELECT oauth_audit_add_partitions(7)");
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success) VALUES ('token_issued', 'after-upgrade', true)");
            assertEquals(count(s, "SELECT max(id) FROM oauth_audit_logs WHERE client_id <> 'after-upgrade'") + 1,
                    count(s, "SELECT id FROM oauth_audit_logs WHERE client_id = 'after-upgrade'"), "ids go on from the old table's");
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success, created_at)"
                    + " VALUES ('token_issued', 'after-upgrade', true, now() + interval '3 days')");
            assertRollupsEqualRawRows(s);
        }

        rollback(url, root, RELEASE_1_7);
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "SELECT count(*) FROM pg_partitioned_table"));
            assertEquals(SEEDED + duringUpgrade + 2, count(s, "SELECT count(*) FROM oauth_audit_logs"), "no row lost");
            assertEquals(0, count(s, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'oauth_audit_%' AND tablename <> 'oauth_audit_logs'"));
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success) VALUES ('token_issued', 'after-rollback', true)");
        }

        update(url, root, "liquibase/changelog.xml");
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            assertEquals(SEEDED + duringUpgrade + 3, count(s, "SELECT count(*) FROM oauth_audit_logs"));
            assertRollupsEqualRawRows(s);
        }
    }

    static void assertRollupsEqualRawRows(Statement s) throws SQLException {
        String raw = "SELECT date_trunc('hour', created_at, 'UTC'), action, success,"
                + " CASE WHEN success THEN COALESCE(client_id, '') ELSE '' END, COALESCE(error_code, ''), COALESCE(reason, ''),"
                + " count(*)::bigint FROM oauth_audit_logs GROUP BY 1, 2, 3, 4, 5, 6";
        String rollup = "SELECT hour, action, success, client_id, error_code, reason, events FROM oauth_audit_hourly_counts WHERE events <> 0";
        assertEquals(0, count(s, "SELECT count(*) FROM ((" + raw + " EXCEPT " + rollup + ") UNION ALL (" + rollup + " EXCEPT " + raw + ")) d"));
        String rawDays = "SELECT (created_at AT TIME ZONE 'UTC')::date, action, success, count(*)::bigint FROM oauth_audit_logs GROUP BY 1, 2, 3";
        String days = "SELECT day, action, success, events FROM oauth_audit_daily_counts WHERE events <> 0";
        assertEquals(0, count(s, "SELECT count(*) FROM ((" + rawDays + " EXCEPT " + days + ") UNION ALL (" + days + " EXCEPT " + rawDays + ")) d"));
        String rawScopes = "SELECT date_trunc('hour', created_at, 'UTC'), granted, count(*)::bigint FROM oauth_audit_logs"
                + " CROSS JOIN LATERAL unnest(string_to_array(scope, ' ')) granted"
                + " WHERE action = 'token_issued' AND success AND granted <> '' GROUP BY 1, 2";
        String scopes = "SELECT hour, scope, tokens FROM oauth_audit_hourly_scopes WHERE tokens <> 0";
        assertEquals(0, count(s, "SELECT count(*) FROM ((" + rawScopes + " EXCEPT " + scopes + ") UNION ALL (" + scopes + " EXCEPT " + rawScopes + ")) d"));
        assertTrue(count(s, "SELECT count(*) FROM oauth_audit_hourly_counts") > 0);
    }

    private static String createDatabase(String name) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + System.getProperty("it.db.port") + "/" + name;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static void update(String url, Path root, String changelog) throws Exception {
        liquibase(url, root, database -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                .execute());
    }

    private static void rollback(String url, Path root, int changesets) throws Exception {
        liquibase(url, root, database -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, "liquibase/changelog.xml")
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, changesets)
                .execute());
    }

    private interface Command {
        void run(Database database) throws Exception;
    }

    private static void liquibase(String url, Path root, Command command) throws Exception {
        try (Connection c = connect(url)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(root), () -> command.run(database));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
