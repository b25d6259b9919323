package io.maxplatform.oauth.startup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.testdb.SchemaDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** SCHEMA_MIGRATION on a real PostgreSQL: what validate refuses and names, what apply leaves on the connection. */
class SchemaMigrationTest {

    private static SchemaMigration on(DataSource database, String mode) {
        SchemaMigration migration = new SchemaMigration();
        migration.pool = new ConnectionPool() {
            @Override
            public DataSource dataSource() {
                return database;
            }
        };
        migration.settings = ServerSettings.of(Map.of("SCHEMA_MIGRATION", mode));
        return migration;
    }

    @Test
    void validateRefusesASchemaWithPendingChangesetsNamingThemAndTheCommand() throws SQLException {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> on(SchemaDatabase.emptyDatabase("validate_pending"), "validate").migrate());

        assertTrue(refused.getMessage().startsWith("SCHEMA_MIGRATION=validate: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("liquibase/releases/1.0.sql::"), refused.getMessage());
        assertTrue(refused.getMessage().contains("liquibase/releases/1.8.sql::1.8-002-client-secret-use-is-not-announced"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("mvn liquibase:update -Dliquibase.url="), refused.getMessage());
    }

    @Test
    void applyThenValidateStartsAndOffDoesNotLook() throws SQLException {
        DataSource database = SchemaDatabase.emptyDatabase("apply_then_validate");

        on(database, "apply").migrate();

        assertDoesNotThrow(() -> on(database, "validate").migrate());
        assertDoesNotThrow(() -> on(SchemaDatabase.emptyDatabase("never_migrated"), "off").migrate());
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
}
