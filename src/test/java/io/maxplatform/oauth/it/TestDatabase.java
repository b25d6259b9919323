package io.maxplatform.oauth.it;

import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
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
            // Payara Micro's --logtofile needs its folder to exist, or it logs to the console instead.
            Files.createDirectories(Path.of(System.getProperty("it.logs")));
            Path dataDirectory = Path.of(System.getProperty("it.db.dir"));
            // Emptied here rather than on close, so stop() and restart() keep the data, as an outage does.
            deleteRecursively(dataDirectory);
            database = EmbeddedDatabase.start(dataDirectory, Integer.parseInt(port), "platform_integration", false);
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

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Stops PostgreSQL (fast shutdown), as an outage would; {@link #restart()} brings it back with its data. */
    public static void stop() throws IOException {
        database.close();
    }

    public static void restart() throws IOException {
        database = EmbeddedDatabase.start(Path.of(System.getProperty("it.db.dir")),
                Integer.parseInt(System.getProperty("it.db.port")), "platform_integration", false);
    }

    /** A connection to the database the server under test uses, for assertions and fixtures. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
    }
}
