package io.maxplatform.oauth.startup;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * What start-up does with the schema, as {@code SCHEMA_MIGRATION} says: {@code validate} that nothing is pending
 * (the default: a DBA applies the changelog with the owner role; the server runs with a role that reads and writes
 * rows), {@code apply} the Liquibase changelog before the application serves a request, or leave it {@code off}. The
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

    /** The pauses between attempts of a migration that could not get its locks: doubling from the first. */
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    @Inject
    ConnectionPool pool;

    @Inject
    ServerSettings settings;

    /** The changelog to apply; another only in tests of a migration that is still to come. */
    String changelog = CHANGELOG;

    public void migrate() {
        switch (settings.schemaMigration()) {
            case "off" -> LOG.info("SCHEMA_MIGRATION=off: the schema is not checked; it must be at this version's changelog");
            case "apply" -> onLiquibase(this::apply);
            default -> onLiquibase(this::refuseIfPending);
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
        requireSchema(connection);
        // Without Liquibase's tables nothing is applied; asking Liquibase would create them, which validate must not.
        List<ChangeSet> pending = hasChangelogTable(connection) ? pending(connection) : all();
        if (!pending.isEmpty()) {
            throw new IllegalStateException("SCHEMA_MIGRATION=validate: " + pending.size() + " changeset(s) of "
                    + changelog + " are not applied to schema " + settings.databaseSchema() + " of "
                    + connection.getMetaData().getURL() + ": "
                    + pending.stream().map(c -> c.getFilePath() + "::" + c.getId()).collect(Collectors.joining(", "))
                    + ". Apply them with the owner role from the release's sources: mvn liquibase:update"
                    + " -Dliquibase.url='<DATABASE_URL>?currentSchema=" + settings.databaseSchema() + "'"
                    + " -Dliquibase.username=<owner> -Dliquibase.password=<password>"
                    + " (review first with liquibase:updateSQL), then start the server again.");
        }
        LOG.info("SCHEMA_MIGRATION=validate: every changeset of " + changelog + " is applied");
    }

    /**
     * The connection's schema is the one {@code DATABASE_SCHEMA} names (the pool's {@code currentSchema}). PostgreSQL
     * reports none when it does not exist or the role may not use it; {@code apply} creates it.
     */
    private void requireSchema(Connection connection) throws SQLException {
        String schema = settings.databaseSchema();
        String current = currentSchema(connection);
        if (current == null) {
            throw new IllegalStateException("DATABASE_SCHEMA=" + schema + ": the schema does not exist in "
                    + connection.getMetaData().getURL() + ", or " + connection.getMetaData().getUserName()
                    + " has no USAGE on it; the DBA creates it and grants it (src/site/markdown/database.md, \"Two roles\")");
        }
        if (!current.equals(schema)) {
            // A pool defined before DATABASE_SCHEMA existed (WildFly's setup.cli adds currentSchema) searches another.
            throw new IllegalStateException("DATABASE_SCHEMA=" + schema + ", but the server's connections search schema "
                    + current + ": the connection pool must set currentSchema=" + schema
                    + " (Payara: WEB-INF/glassfish-resources.xml does; WildFly: run server-config/wildfly/setup.cli)");
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet current = s.executeQuery("SELECT current_schema()")) {
            current.next();
            return current.getString(1);
        }
    }

    private static boolean hasChangelogTable(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet table = s.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
            table.next();
            return table.getBoolean(1);
        }
    }

    /** Every changeset of the changelog, read without a database. */
    private List<ChangeSet> all() throws Exception {
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        return ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                .parse(changelog, new ChangeLogParameters(), resources).getChangeSets();
    }

    private List<ChangeSet> pending(Connection connection) throws Exception {
        return new Liquibase(changelog, Scope.getCurrentScope().getResourceAccessor(), liquibase(connection))
                .listUnrunChangeSets(new Contexts(), new LabelExpression());
    }

    /**
     * {@code apply}: the pending changesets, one instance at a time. No statement time limit (an index may take long
     * to build, concurrently with requests), but a short lock wait: a statement that waits longer for a table lock is
     * rolled back and the update tried again later, rather than queue every request behind it.
     */
    private void apply(Connection connection) throws Exception {
        if (currentSchema(connection) == null) {
            try (Statement create = connection.createStatement()) {
                // A schema name by its rule (lower-case letters, digits, _): no quoting needed.
                create.execute("CREATE SCHEMA IF NOT EXISTS " + settings.databaseSchema());
            }
            LOG.info("Created schema " + settings.databaseSchema());
        }
        requireSchema(connection);
        // Nothing pending, nothing to lock: a server of the release the schema is at starts without writing to
        // Liquibase's tables, so even a runtime role without DDL rights may run with apply. Only where Liquibase's
        // tables exist: asked about an empty schema, Liquibase creates them, and two instances starting together
        // would both try to (measured: "relation databasechangelog already exists"), outside the lock below.
        boolean upToDate = hasChangelogTable(connection) && pending(connection).isEmpty();
        if (!connection.getAutoCommit()) {
            // Liquibase left a transaction open: an instance waiting below must hold none (see there).
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (upToDate) {
            LOG.info("SCHEMA_MIGRATION=apply: every changeset of " + changelog + " is applied already");
            return;
        }
        int networkTimeout = connection.getNetworkTimeout();
        try {
            connection.setNetworkTimeout(Runnable::run, 0);
            try (Statement limits = connection.createStatement()) {
                limits.execute("SET statement_timeout = 0");
                limits.execute("SET lock_timeout = " + settings.schemaMigrationLockTimeout().toMillis());
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
                updateRetryingLockWaits(connection);
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

    private void updateRetryingLockWaits(Connection connection) throws Exception {
        Instant deadline = Instant.now().plus(settings.schemaMigrationMaxWait());
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                // Also after a crash of an earlier start: a cancelled concurrent index build is cleared first.
                LockWait.dropLeftoverIndexes(connection, pending(connection));
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibase(connection))
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                        .execute();
                return;
            } catch (Exception e) {
                if (!LockWait.causes(e)) {
                    throw e;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                // Changesets apply in order: the first one still pending is the one that waited.
                ChangeSet waiting = pending(connection).stream().findFirst().orElseThrow(() -> e);
                String name = waiting.getFilePath() + "::" + waiting.getId();
                String holders = LockWait.longTransactions(connection);
                if (Instant.now().plus(pause).isAfter(deadline)) {
                    throw new IllegalStateException("Changeset " + name + " could not get its locks within "
                            + settings.schemaMigrationLockTimeout().toMillis() + " ms in " + attempt + " attempts over "
                            + settings.schemaMigrationMaxWait().toSeconds() + " s (SCHEMA_MIGRATION_MAX_WAIT_SECONDS); "
                            + holders + ". Start again once they have ended, or apply the changelog in a quieter hour.", e);
                }
                LOG.warning("Changeset " + name + " waited more than " + settings.schemaMigrationLockTimeout().toMillis()
                        + " ms for a lock and was rolled back (attempt " + attempt + "); " + holders
                        + "; trying again in " + pause.toSeconds() + " s");
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
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
