package io.maxplatform.oauth.it;

import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One empty PostgreSQL for the whole integration-test run, started before any test class (so before
 * Arquillian starts Payara Micro) and stopped after the last. Inactive outside the integration tests.
 */
public class TestDatabase implements LauncherSessionListener {

    private static EmbeddedDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("it.db.port");
        if (port == null || database != null) {
            return;
        }
        try {
            database = EmbeddedDatabase.start(Path.of(System.getProperty("it.db.dir")), Integer.parseInt(port),
                    "platform_integration", true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the test database", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("Could not stop the test database: " + e.getMessage());
            }
            database = null;
        }
    }

    /** A connection to the database the server under test uses, for assertions and fixtures. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
    }
}
