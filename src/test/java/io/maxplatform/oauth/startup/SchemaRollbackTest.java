package io.maxplatform.oauth.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.testdb.SchemaDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackCountSqlCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * A rollback that loses data refuses, leaving its changeset applied, unless the session accepts the loss with
 * {@code maxplatform.rollback_loses_data = accepted} (as a DBA does in the JDBC URL); the changesets it concerns are
 * the ones the DBA guide lists. Liquibase's own rollback commands on a real PostgreSQL.
 */
class SchemaRollbackTest {

    /** The option the DBA guide gives, as a JDBC URL carries it. */
    private static final String ACCEPTED = "&options=-c%20maxplatform.rollback_loses_data=accepted";

    private static void liquibase(String url, String[] command, Integer count, ByteArrayOutputStream output) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaRollbackTest.class.getClassLoader()),
                    () -> {
                        CommandScope scope = new CommandScope(command)
                                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, SchemaMigration.CHANGELOG);
                        if (count != null) {
                            scope.addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count);
                        }
                        if (output != null) {
                            scope.setOutput(output);
                        }
                        scope.execute();
                    });
        }
    }

    private static void update(String url) throws Exception {
        liquibase(url, UpdateCommandStep.COMMAND_NAME, null, null);
    }

    private static void rollback(String url, int count) throws Exception {
        liquibase(url, RollbackCountCommandStep.COMMAND_NAME, count, null);
    }

    /** A migrated database holding a row of each kind a rollback may lose. */
    private static String migratedWithRows(String name) throws Exception {
        SchemaDatabase.emptyDatabase(name);
        String url = SchemaDatabase.jdbcUrl(name);
        update(url);
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            s.execute("INSERT INTO oauth_clients (client_id, client_name, client_secret_hash, deleted_at)"
                    + " VALUES ('with-secret', 'Secret', 'hash', now())");
            s.execute("INSERT INTO oauth_clients (client_id, client_name, token_endpoint_auth_method, jwks, allowed_audiences)"
                    + " VALUES ('with-key', 'Key', 'private_key_jwt', '{\"keys\":[]}', '{https://api.example}')");
            s.execute("INSERT INTO oauth_client_secrets (secret_id, client_id, secret_hash) VALUES ('secret-1', 'with-secret', 'hash')");
            s.execute("INSERT INTO oauth_trust_anchors (name, kind, issuer, max_assertion_lifetime_seconds, single_use)"
                    + " VALUES ('cluster', 'kubernetes', 'https://cluster.example', 3600, false)");
            s.execute("INSERT INTO oauth_clients (client_id, client_name, token_endpoint_auth_method, trust_anchor, federated_subject)"
                    + " VALUES ('federated', 'Federated', 'federated_jwt', 'cluster', 'system:serviceaccount:payments:reports')");
            s.execute("INSERT INTO oauth_signing_keys (kid, algorithm, public_jwk, private_key_encrypted, activates_at, withdrawn_at,"
                    + " longest_token_lifetime_seconds) VALUES ('withdrawn', 'ES256', '{}', 'x', now(), now(), 3600)");
            s.execute("INSERT INTO oauth_token_cutoffs (client_id, scope, not_before) VALUES ('with-secret', '', now())");
            s.execute("INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at) VALUES ('token-1', 'with-secret', now() + interval '1 hour')");
            s.execute("INSERT INTO oauth_client_assertions (client_id, jti, expires_at) VALUES ('with-key', 'jti-1', now() + interval '1 minute')");
            s.execute("INSERT INTO oauth_failed_authentications (client_id, source_address, window_start, failures)"
                    + " VALUES ('with-secret', '192.0.2.1', date_trunc('minute', now()), 1)");
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success, scope, audience)"
                    + " VALUES ('token_issued', 'with-secret', true, 'read:profile', 'https://api.example')");
        }
        return url;
    }

    /** The ids of the applied changesets, in the order they were applied. */
    private static List<String> applied(String url) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Every table, column, index, constraint, function and trigger of the schema, and each table's row count. */
    private static List<String> contents(String url) throws SQLException {
        List<String> contents = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            for (String query : List.of(
                    "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns"
                            + " WHERE table_schema = 'public' ORDER BY 1",
                    "SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
                    "SELECT 'constraint ' || conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
                    "SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
                    "SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")) {
                try (ResultSet rows = s.executeQuery(query)) {
                    while (rows.next()) {
                        contents.add(rows.getString(1));
                    }
                }
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = s.executeQuery("SELECT count(*) FROM " + table)) {
                    count.next();
                    contents.add(table + " rows " + count.getLong(1));
                }
            }
        }
        return contents;
    }

    /** PostgreSQL's error under Liquibase's exceptions: the guard's RAISE (raise_exception). */
    private static SQLException raised(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "P0001".equals(sql.getSQLState())) {
                return sql;
            }
        }
        throw new AssertionError("not refused by the guard", thrown);
    }

    /** The changesets of the guide's "What a rollback loses", short ids ("1.0-001"), ranges ("1.7-001 … 1.7-003") spelt out. */
    private static List<String> documentedAsLosingData() throws Exception {
        String guide = Files.readString(Path.of("src/site/markdown/database.md"));
        String section = guide.substring(guide.indexOf("## What a rollback loses"));
        Matcher row = Pattern.compile("^\\| (\\d+\\.\\d+-\\d{3}[^|]*)\\|", Pattern.MULTILINE).matcher(section);
        List<String> ids = new ArrayList<>();
        while (row.find()) {
            for (String part : row.group(1).split(",")) {
                String[] range = part.strip().split(" … ");
                String release = range[0].substring(0, range[0].indexOf('-') + 1);
                int last = Integer.parseInt(range[range.length - 1].substring(release.length()));
                for (int n = Integer.parseInt(range[0].substring(release.length())); n <= last; n++) {
                    ids.add(release + String.format("%03d", n));
                }
            }
        }
        return ids.stream().sorted().toList();
    }

    @Test
    void rollingBackEverythingWithoutAcceptingStopsAtTheFirstLossWithThatChangesetStillApplied() throws Exception {
        String url = migratedWithRows("rollback_refused");
        List<String> all = applied(url);

        Exception refused = assertThrows(Exception.class, () -> rollback(url, all.size()));

        String message = raised(refused).getMessage();
        assertTrue(message.contains("Rollback of 1.10-002-oauth-clients-federated-and-jwks-uri refused: it loses every "
                + "federated_jwt client"), message);
        assertTrue(message.contains("options=-c%20maxplatform.rollback_loses_data=accepted"), message);
        // 1.10-004 and 003 lose nothing: rolled back; 1.10-002, which loses the federated client, is untouched.
        assertEquals(all.subList(0, all.indexOf("1.10-002-oauth-clients-federated-and-jwks-uri") + 1), applied(url));
        assertTrue(contents(url).contains("oauth_clients rows 3"), "the clients are kept");
    }

    /** Its rollups are dropped, unguarded, and counted anew from the rows: each row once, not twice. */
    @Test
    void release17RollsBackWholeWithoutAcceptingAndAppliedAgainCountsEachAuditRowOnce() throws Exception {
        String url = migratedWithRows("rollback_release_1_7");
        long sinceRelease17 = AppliedChangesetsTest.changeSets().keySet().stream()
                .filter(key -> !key.matches("liquibase/releases/1\\.[0-6]\\.sql::.*")).count();

        int release110 = (int) AppliedChangesetsTest.changeSets().keySet().stream()
                .filter(key -> key.startsWith("liquibase/releases/1.10.sql::")).count();
        rollback(url + ACCEPTED, release110); // release 1.10 loses the federated client
        rollback(url, (int) sinceRelease17 - release110);

        assertEquals("1.6-001-failed-authentications", applied(url).get(applied(url).size() - 1));
        assertTrue(contents(url).contains("oauth_audit_logs rows 1"), "the audit row is kept");
        update(url);
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement();
             ResultSet counted = s.executeQuery("SELECT (SELECT count(*) FROM oauth_audit_logs), (SELECT sum(events) FROM oauth_audit_hourly_counts),"
                     + " (SELECT sum(events) FROM oauth_audit_daily_counts), (SELECT sum(tokens) FROM oauth_audit_hourly_scopes)")) {
            counted.next();
            assertEquals(List.of(1L, 1L, 1L, 1L), List.of(counted.getLong(1), counted.getLong(2), counted.getLong(3), counted.getLong(4)));
        }
    }

    @Test
    void everyRollbackTheGuideSaysLosesDataIsRefusedUntilAcceptedAndNoOther() throws Exception {
        String url = migratedWithRows("rollback_each_refused");
        List<String> refused = new ArrayList<>();

        for (List<String> applied = applied(url); !applied.isEmpty(); applied = applied(url)) {
            String last = applied.get(applied.size() - 1);
            List<String> before = contents(url);
            try {
                rollback(url, 1);
            } catch (Exception e) {
                String message = raised(e).getMessage();
                assertTrue(message.contains("Rollback of " + last + " refused: it loses "), message);
                assertEquals(before, contents(url), "refused, " + last + " changed nothing");
                refused.add(last.substring(0, last.indexOf('-') + "-001".length())); // 1.10-002-… → 1.10-002
                rollback(url + ACCEPTED, 1);
            }
            assertEquals(applied.subList(0, applied.size() - 1), applied(url), last + " rolled back");
        }

        assertEquals(documentedAsLosingData(), refused.stream().sorted().toList());
        assertTrue(documentedAsLosingData().size() >= 16, "the guide's table was read");
    }

    @Test
    void withTheLossAcceptedEverythingRollsBackToAnEmptySchemaAndAppliesAgain() throws Exception {
        String url = migratedWithRows("rollback_accepted");
        int changeSets = AppliedChangesetsTest.changeSets().size();
        assertEquals(changeSets, applied(url).size());

        rollback(url + ACCEPTED, changeSets);

        assertEquals(List.of(), applied(url));
        assertEquals(List.of(), contents(url).stream()
                .filter(item -> !item.contains("databasechangelog")).toList(),
                "nothing left but Liquibase's own tables");
        update(url);
        assertEquals(changeSets, applied(url).size());
    }

    @Test
    void rollbackSqlShowsTheGuardAndChangesNothing() throws Exception {
        String url = migratedWithRows("rollback_sql");
        List<String> before = contents(url);
        ByteArrayOutputStream sql = new ByteArrayOutputStream();

        liquibase(url, RollbackCountSqlCommandStep.COMMAND_NAME, applied(url).size(), sql);

        String script = sql.toString(StandardCharsets.UTF_8);
        assertTrue(script.contains("IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN"), script);
        assertTrue(script.contains("'Rollback of 1.0-003-create-oauth-clients refused: it loses '"), script);
        assertEquals(before, contents(url));
    }
}
