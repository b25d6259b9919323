package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema Liquibase applied to the empty test database, the guide's four SQL queries run verbatim
 * against it, and what is (not) stored in plain text.
 */
abstract class SchemaChecks {

    @Test
    void liquibaseAppliedEveryChangesetFromTheSharedChangelogPath() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(filename), MAX(filename) FROM databasechangelog")) {
            rows.next();
            assertEquals(52, rows.getInt(1));
            assertEquals("liquibase/releases/1.0.sql", rows.getString(2));
            assertEquals("liquibase/releases/1.8.sql", rows.getString(3));
        }
        assertEquals(9, TestClients.count("SELECT COUNT(*) FROM oauth_scopes"));
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
