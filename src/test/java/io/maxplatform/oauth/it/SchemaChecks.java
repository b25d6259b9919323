package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema Liquibase applied to the empty test database, the guide's four SQL queries run verbatim
 * against it (with the search_path the DBA guide gives), what the server's runtime role may not do, and what is
 * (not) stored in plain text.
 */
abstract class SchemaChecks {

    @Test
    void liquibaseAppliedEveryChangesetFromTheSharedChangelogPath() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(filename),"
                     + " (SELECT filename FROM databasechangelog ORDER BY orderexecuted DESC LIMIT 1) FROM databasechangelog")) {
            rows.next();
            assertEquals(63, rows.getInt(1));
            assertEquals("liquibase/releases/1.0.sql", rows.getString(2));
            assertEquals("liquibase/releases/1.10.sql", rows.getString(3));
        }
        assertEquals(9, TestClients.count("SELECT COUNT(*) FROM oauth_scopes"));
    }

    /**
     * The server under test runs as the DBA guide's runtime role: it reads and writes rows and nothing more. Each
     * statement here is refused for want of a privilege (42501), as the guide promises.
     */
    @Test
    void theRuntimeRoleCannotChangeTheSchemaNorAnAuditRow() throws SQLException {
        try (Connection c = TestDatabase.connectAsRuntimeRole(); Statement s = c.createStatement()) {
            for (String statement : List.of("DROP TABLE oauth_clients", "ALTER TABLE oauth_clients ADD COLUMN x int",
                    "ALTER TABLE oauth_audit_logs DROP COLUMN reason", "TRUNCATE oauth_revoked_tokens",
                    "CREATE TABLE maxplatform.stray (x int)", "CREATE INDEX ix_stray ON oauth_clients (client_name)",
                    "DROP FUNCTION oauth_audit_partitions()", "UPDATE oauth_audit_logs SET reason = 'rewritten'",
                    "DELETE FROM oauth_audit_logs", "DELETE FROM oauth_audit_hourly_counts",
                    "DROP TABLE oauth_audit_logs_default", "DELETE FROM databasechangelog")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(statement), statement);
                assertEquals("42501", refused.getSQLState(), statement + ": " + refused.getMessage());
            }
            try (ResultSet role = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,"
                    + " has_schema_privilege('maxplatform', 'CREATE') FROM pg_roles WHERE rolname = current_user")) {
                role.next();
                for (int column = 1; column <= 5; column++) {
                    assertFalse(role.getBoolean(column), role.getMetaData().getColumnName(column));
                }
            }
            // The DDL it needs goes through the owner's functions, which keep the last day whatever it asks.
            s.execute("SELECT oauth_audit_add_partitions(7)");
            SQLException tooRecent = assertThrows(SQLException.class,
                    () -> s.execute("SELECT oauth_audit_retire_partitions(now(), false)"));
            assertEquals("22023", tooRecent.getSQLState(), tooRecent.getMessage());
            SQLException deleteRecent = assertThrows(SQLException.class,
                    () -> s.execute("SELECT oauth_audit_delete_rows_before(now(), 1000)"));
            assertEquals("22023", deleteRecent.getSQLState(), deleteRecent.getMessage());
        }
    }

    /** Only the owner's functions run with its rights, each on a search_path that no caller can change. */
    @Test
    void theFunctionsThatRunAsTheOwnerFixTheirSearchPathAndAreNotPublic() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet definers = s.executeQuery("SELECT p.proname, array_to_string(p.proconfig, ','),"
                     + " has_function_privilege('public', p.oid, 'EXECUTE') IS NOT TRUE"
                     + " AND NOT EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0)"
                     + " FROM pg_proc p WHERE p.pronamespace = 'maxplatform'::regnamespace AND p.prosecdef ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (definers.next()) {
                names.add(definers.getString(1));
                assertEquals("search_path=maxplatform, pg_temp", definers.getString(2), definers.getString(1));
                assertTrue(definers.getBoolean(3), definers.getString(1) + " is not executable by PUBLIC");
            }
            assertEquals(List.of("oauth_audit_add_partitions", "oauth_audit_delete_rows_before", "oauth_audit_retire_partitions"), names);
        }
    }

    @Test
    void guideQueryListsTheServiceClient() throws SQLException {
        String guideQuery = """
                SELECT client_id, client_name,\s
                       CASE\s
                           WHEN array_length(redirect_uris, 1) IS NULL OR array_length(redirect_uris, 1) = 0\s
                           THEN '서비스 클라이언트'\s
                           ELSE '웹 클라이언트'\s
                       END as client_type,
                       array_to_string(allowed_scopes, ', ') as allowed_scopes
                FROM oauth_clients\s
                WHERE client_id LIKE '%service%';
                """;
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(guideQuery)) {
            boolean found = false;
            while (rows.next()) {
                if (rows.getString("client_id").equals(ServerHttp.BOOTSTRAP_ID)) {
                    found = true;
                    assertEquals("서비스 클라이언트", rows.getString("client_type"));
                    assertEquals("admin:oauth, admin:users, admin:system", rows.getString("allowed_scopes"));
                }
            }
            assertTrue(found);
        }
    }

    @Test
    void guideAuditQueryShowsServiceTokenUse() throws SQLException {
        ServerHttp.bootstrapToken("admin:oauth");
        String guideQuery = """
                SELECT action, client_id, success, created_at\s
                FROM oauth_audit_logs\s
                WHERE client_id LIKE '%service%'
                ORDER BY created_at DESC;
                """;
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(guideQuery)) {
            assertTrue(rows.next());
            assertEquals("token_issued", rows.getString("action"));
            assertTrue(rows.getBoolean("success"));
            assertTrue(rows.getTimestamp("created_at") != null);
        }
    }

    @Test
    void guideTroubleshootingQueriesShowTheClientState() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("""
                    SELECT client_id, is_active, is_confidential\s
                    FROM oauth_clients\s
                    WHERE client_id = 'maxplatform-service';
                    """)) {
                assertTrue(rows.next());
                assertTrue(rows.getBoolean("is_active"));
                assertTrue(rows.getBoolean("is_confidential"));
            }
            try (ResultSet rows = s.executeQuery("""
                    SELECT client_id, allowed_scopes\s
                    FROM oauth_clients\s
                    WHERE client_id = 'maxplatform-service';
                    """)) {
                assertTrue(rows.next());
                Array scopes = rows.getArray("allowed_scopes");
                assertEquals(List.of("admin:oauth", "admin:users", "admin:system"), List.of((String[]) scopes.getArray()));
            }
        }
    }

    @Test
    void noSecretOrPrivateKeyIsStoredInPlainText() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT client_secret_hash FROM oauth_clients WHERE client_id = 'maxplatform-service'")) {
                rows.next();
                String hash = rows.getString(1);
                assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), "a person's secret gets a slow KDF");
                assertFalse(hash.contains(ServerHttp.BOOTSTRAP_SECRET));
            }
            try (ResultSet rows = s.executeQuery("SELECT private_key_encrypted, public_jwk FROM oauth_signing_keys")) {
                while (rows.next()) {
                    assertFalse(rows.getString(1).contains("\"d\""));
                    assertFalse(rows.getString(2).contains("\"d\""));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM oauth_audit_logs WHERE detail LIKE '%"
                    + ServerHttp.BOOTSTRAP_SECRET + "%' OR reason LIKE '%" + ServerHttp.BOOTSTRAP_SECRET + "%'")) {
                rows.next();
                assertEquals(0, rows.getInt(1));
            }
        }
    }
}
