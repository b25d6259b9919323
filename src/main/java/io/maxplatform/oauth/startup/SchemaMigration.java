package io.maxplatform.oauth.startup;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * What start-up does with the schema, as {@code SCHEMA_MIGRATION} says: {@code apply} the Liquibase changelog
 * before the application serves a request, {@code validate} that nothing is pending (a DBA applies the changelog
 * with the owner role; the server runs with a role that reads and writes rows), or leave it {@code off}. The
 * changelog is read from the classpath as {@value #CHANGELOG}, the same relative path a DBA's
 * {@code mvn liquibase:…} uses from the repository root, because Liquibase identifies applied changesets by that
 * path. Concurrent starts are serialized by a PostgreSQL advisory lock around the whole update (Liquibase's own
 * lock table is created too late for instances starting together on an empty database).
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    public static final String CHANGELOG = "liquibase/changelog.xml";
    /** Any constant other than the other locks'; the same on every instance. */
    static final long MIGRATION_LOCK_KEY = 0x6d6178706c6dL;

    /** How often an instance asks whether another has finished migrating. */
    static final long LOCK_POLL_MILLIS = 250;

    @Inject
    ConnectionPool pool;

    @Inject
    ServerSettings settings;

    public void migrate() {
        switch (settings.schemaMigration()) {
            case "off" -> LOG.info("SCHEMA_MIGRATION=off: the schema is not checked; it must be at this version's changelog");
            case "validate" -> onLiquibase(this::refuseIfPending);
            default -> onLiquibase(this::apply);
        }
    }

    private interface WithConnection {
        void run(Connection connection) throws Exception;
    }

    private void onLiquibase(WithConnection work) {
        try (Connection connection = pool.dataSource().getConnection()) {
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                    () -> work.run(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to apply the schema: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Applying the Liquibase changelog failed: " + e.getMessage(), e);
        }
    }

    /** {@code validate}: the server starts only on a schema with every changeset of its changelog applied. */
    void refuseIfPending(Connection connection) throws Exception {
        List<ChangeSet> pending = new Liquibase(CHANGELOG, Scope.getCurrentScope().getResourceAccessor(), liquibase(connection))
                .listUnrunChangeSets(new Contexts(), new LabelExpression());
        if (!pending.isEmpty()) {
            throw new IllegalStateException("SCHEMA_MIGRATION=validate: " + pending.size() + " changeset(s) of "
                    + CHANGELOG + " are not applied to " + connection.getMetaData().getURL() + ": "
                    + pending.stream().map(c -> c.getFilePath() + "::" + c.getId()).collect(Collectors.joining(", "))
                    + ". Apply them with the owner role from the release's sources: mvn liquibase:update"
                    + " -Dliquibase.url=<DATABASE_URL> -Dliquibase.username=<owner> -Dliquibase.password=<password>"
                    + " (review first with liquibase:updateSQL), then start the server again.");
        }
        LOG.info("SCHEMA_MIGRATION=validate: every changeset of " + CHANGELOG + " is applied");
    }

    /** {@code apply}: the pending changesets, one instance at a time, without request-sized time limits. */
    private void apply(Connection connection) throws Exception {
        int networkTimeout = connection.getNetworkTimeout();
        try {
            // A migration may build an index on a large table: no request-sized time limits here.
            connection.setNetworkTimeout(Runnable::run, 0);
            try (Statement unlimited = connection.createStatement()) {
                unlimited.execute("SET statement_timeout = 0");
                unlimited.execute("SET lock_timeout = 0");
            }
            // Liquibase creates its own tables before it takes its lock, so instances starting together on an
            // empty database would both try to (measured: "relation databasechangelog already exists"). One
            // migrates at a time; the lock ends with the session if this instance dies meanwhile. The others poll
            // rather than block in pg_advisory_lock: a waiting statement holds a snapshot, and CREATE INDEX
            // CONCURRENTLY (release 1.7) waits for every older snapshot to end, so a blocked wait would deadlock
            // with the migration it waits for (measured with two instances starting together).
            if (!tryLock(connection)) {
                LOG.info("Waiting for another instance to finish applying the schema");
                while (!tryLock(connection)) {
                    Thread.sleep(LOCK_POLL_MILLIS);
                }
            }
            try {
                // Only now: Liquibase takes the connection out of autocommit, and an open transaction of an instance
                // still waiting for the lock would hold up CREATE INDEX CONCURRENTLY (see above).
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibase(connection))
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .execute();
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a failed changeset's transaction: nothing else runs in an aborted one
                }
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
                }
            }
        } finally {
            // Whatever happened: the connection goes back to the pool (on WildFly, the server's) with its limits.
            restoreLimits(connection, networkTimeout);
        }
    }

    private static Database liquibase(Connection connection) throws Exception {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }

    static void restoreLimits(Connection connection, int networkTimeout) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        try (Statement restore = connection.createStatement()) {
            restore.execute("RESET statement_timeout");
            restore.execute("RESET lock_timeout");
        }
        connection.setAutoCommit(true); // as the pool lent it
        connection.setNetworkTimeout(Runnable::run, networkTimeout);
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement();
             ResultSet free = lock.executeQuery("SELECT pg_try_advisory_lock(" + MIGRATION_LOCK_KEY + ")")) {
            return free.next() && free.getBoolean(1);
        }
    }
}
