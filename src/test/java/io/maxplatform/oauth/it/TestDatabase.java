package io.maxplatform.oauth.it;

import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import io.maxplatform.oauth.testdb.SchemaDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One PostgreSQL for the whole integration-test run, started before any test class (so before Arquillian starts
 * Payara Micro) and stopped after the last, prepared as a DBA would: the two roles and the schema of the DBA guide
 * ({@code src/site/markdown/database.md}, whose SQL blocks run here as written), the changelog applied by the owner
 * role, then the runtime role's grants. The server under test runs as that runtime role, in that schema, with
 * {@code SCHEMA_MIGRATION=validate} (the build's environment). Inactive outside the integration tests.
 */
public class TestDatabase implements LauncherSessionListener {

    private static EmbeddedDatabase database;

    /** As in the DBA guide's blocks. */
    public static final String SCHEMA = "maxplatform";
    public static final String OWNER = "maxplatform_owner";
    public static final String RUNTIME_ROLE = "maxplatform_app";
    static final String DBA_GUIDE = "src/site/markdown/database.md";

    /**
     * For a server on a database of its own, started empty: one role that owns everything and applies the changelog
     * at start, and no {@code DATABASE_SCHEMA} at all, so that its default ({@code public}) is what the pool uses
     * (the other way the product is run, and the one that migrates concurrently).
     */
    static void migratingItself(Map<String, String> environment) {
        environment.putAll(Map.of("DATABASE_USER", EmbeddedDatabase.USER, "DATABASE_PASSWORD", EmbeddedDatabase.PASSWORD,
                "SCHEMA_MIGRATION", "apply"));
        environment.remove("DATABASE_SCHEMA");
    }

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
            prepareAsTheGuideSays();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the test database", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test database as " + DBA_GUIDE + " says", e);
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

    private static void prepareAsTheGuideSays() throws IOException, SQLException {
        String guide = Files.readString(Path.of(System.getProperty("it.basedir"), DBA_GUIDE));
        try (Connection superuser = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             Statement s = superuser.createStatement()) {
            s.execute(sqlBlock(guide, "superuser"));
        }
        try (Connection owner = DriverManager.getConnection(database.jdbcUrl() + "?currentSchema=" + SCHEMA, OWNER, "owner-password")) {
            SchemaDatabase.applySchema(owner);
        }
        try (Connection owner = DriverManager.getConnection(database.jdbcUrl() + "?currentSchema=" + SCHEMA, OWNER, "owner-password");
             Statement s = owner.createStatement()) {
            s.execute(sqlBlock(guide, "owner"));
        }
    }

    /** The SQL block of the guide marked {@code <!-- sql: role -->}. */
    static String sqlBlock(String guide, String role) {
        Matcher block = Pattern.compile("<!-- sql: " + role + " -->\\s*```sql\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        if (!block.find()) {
            throw new IllegalStateException(DBA_GUIDE + " has no SQL block marked <!-- sql: " + role + " -->");
        }
        return block.group(1);
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

    /**
     * A superuser's connection to the database the server under test uses, for assertions and fixtures, searching
     * the product's schema as the DBA guide tells a reader of the guide's SQL queries to.
     */
    public static Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path = " + SCHEMA);
        }
        return connection;
    }

    /** A connection as the server's own runtime role, in its schema. */
    public static Connection connectAsRuntimeRole() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl() + "?currentSchema=" + SCHEMA, RUNTIME_ROLE, "app-password");
    }
}
