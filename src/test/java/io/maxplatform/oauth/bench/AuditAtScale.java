package io.maxplatform.oauth.bench;

import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import io.maxplatform.oauth.devserver.QuickStart;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code mvn -Pbench -Dbench.audit.rows=30000000} (src/site/markdown/performance.md): the audit trail at size. Starts the server
 * as the quick start does on a fresh embedded PostgreSQL, fills the audit trail through SQL with
 * {@code bench.audit.rows} rows spread over {@code bench.audit.days} days (50 clients, their scopes, introspections,
 * admin reads and 8 % refused requests, as the server writes them, so the rollups count them through the same
 * trigger), then measures over HTTP, one request at a time: {@code /statistics}, the audit list's first page, each
 * filter, and page 1,000 by cursor; then token issuance under load with and without the oldest day's partition being
 * dropped meanwhile. Prints one table, writes {@code target/bench/audit/results.md}, and fails when a figure of
 * {@code /statistics} differs from the raw rows' count or any request failed.
 */
final class AuditAtScale {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Requests before each measured series: the server's code compiled, the database's pages read once. */
    private static final int UNMEASURED = 50;

    private final long rows = Long.getLong("bench.audit.rows", 0);
    private final int days = Integer.getInteger("bench.audit.days", 5);
    private final int samples = Integer.getInteger("bench.audit.samples", 100);
    private final long chunk = Long.getLong("bench.audit.chunk", 1_000_000);
    private final Duration load = Duration.ofSeconds(Long.getLong("bench.audit.load.seconds", 20));
    private final int port = Integer.getInteger("bench.port", 8090);
    private final int databasePort = Integer.getInteger("bench.db.port", 5440);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench")).resolve("audit");
    private final Path war;
    private final Map<String, String> table = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    AuditAtScale(Path war) {
        this.war = war;
    }

    static boolean requested() {
        return Long.getLong("bench.audit.rows", 0) > 0;
    }

    void run() throws Exception {
        Wrk.ensureInstalled();
        Files.createDirectories(out);
        Wrk wrk = new Wrk(Integer.getInteger("bench.connections", 32), out);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(out.resolve("postgres"), databasePort, "platform_integration", true);
             PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("server.log")), true, StandardCharsets.UTF_8)) {
            Map<String, String> env = Benchmark.serverEnvironment(database);
            String base = "http://localhost:" + port;
            Process server = QuickStart.serve(war, port, env, log);
            try (Connection db = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD)) {
                String basic = Benchmark.basic("maxplatform-service", env.get("SERVICE_CLIENT_SECRET"));
                String admin = token(base, basic);
                System.out.println("Empty audit trail:");
                measureQueries(base, admin, "empty", false);
                seed(db);
                long seeded = count(db, "SELECT count(*) FROM oauth_audit_logs");
                long bytes = count(db, "SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits"
                        + " WHERE inhparent = 'oauth_audit_logs'::regclass");
                table.put("audit trail size", String.format("%,d rows, %,d MB with indexes, %,d bytes a row, in %d partitions",
                        seeded, bytes >> 20, bytes / seeded, count(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'oauth_audit_logs'::regclass")));
                System.out.println("Seeded: " + table.get("audit trail size"));
                admin = token(base, basic);
                measureQueries(base, admin, String.format("%,d rows", rows), true);
                checkStatistics(db, base, admin);
                measureDrop(db, wrk, base, basic);
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
        report();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("The audit benchmark failed: " + String.join("; ", failures));
        }
    }

    /**
     * Rows as the server writes them, through the parent table (so the rollups' trigger counts them), oldest first in
     * chunks of {@code bench.audit.chunk}, each its own transaction. The past days' partitions are made first, by the
     * server's own function, from one row per day in the default partition.
     */
    private void seed(Connection db) throws Exception {
        System.out.printf("Seeding %,d audit rows over %d days, %,d per statement%n", rows, days, chunk);
        long span = days * 86_400L - 60;
        try (Statement s = db.createStatement()) {
            for (int day = days; day >= 1; day--) {
                s.execute("INSERT INTO oauth_audit_logs (action, client_id, success, created_at)"
                        + " VALUES ('bench_marker', 'bench', true, now() - interval '" + day + " days')");
            }
            s.execute("SELECT oauth_audit_add_partitions(7)");
        }
        String insert = "INSERT INTO oauth_audit_logs (action, client_id, success, error_code, reason, scope, token_id,"
                + " source_address, audience, created_at)"
                + " SELECT CASE WHEN k < 85 THEN 'token_issued' WHEN k < 93 THEN 'token_request_failed'"
                + "   WHEN k < 97 THEN 'token_introspected' WHEN k < 99 THEN 'admin_clients_listed' ELSE 'admin_access_denied' END,"
                + " CASE WHEN k BETWEEN 85 AND 92 AND k % 3 = 1 THEN 'unknown-' || (i % 1000) ELSE 'svc-' || lpad(((i * 7) % 50)::text, 2, '0') END,"
                + " k < 85 OR k BETWEEN 93 AND 98,"
                + " CASE WHEN k BETWEEN 85 AND 92 THEN 'invalid_client' WHEN k = 99 THEN 'invalid_token' END,"
                + " CASE WHEN k BETWEEN 85 AND 92 THEN (ARRAY['bad_secret', 'unknown_client', 'throttled'])[k % 3 + 1] END,"
                + " CASE WHEN k < 85 THEN (ARRAY['read:profile', 'read:profile read:features', 'admin:oauth',"
                + "   'read:groups manage:reports'])[i % 4 + 1] END,"
                + " CASE WHEN k < 85 THEN md5(i::text) END,"
                + " '192.0.2.' || (i % 250), CASE WHEN k < 85 THEN 'maxplatform' END,"
                + " now() - ((?::bigint - i)::double precision * ? / ?) * interval '1 second'"
                + " FROM generate_series(?::bigint, ?::bigint) AS i, LATERAL (SELECT ((i * 37) % 100)::int AS k) AS r";
        long started = System.nanoTime();
        try (PreparedStatement statement = db.prepareStatement(insert)) {
            for (long from = 1; from <= rows; from += chunk) {
                long to = Math.min(rows, from + chunk - 1);
                statement.setLong(1, rows);
                statement.setLong(2, span);
                statement.setLong(3, rows);
                statement.setLong(4, from);
                statement.setLong(5, to);
                statement.executeUpdate();
                System.out.printf("  %,d rows (%.0f s)%n", to, (System.nanoTime() - started) / 1e9);
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM oauth_audit_logs WHERE action = 'bench_marker'");
            s.execute("VACUUM ANALYZE oauth_audit_logs");
            s.execute("VACUUM ANALYZE oauth_audit_hourly_counts");
            s.execute("VACUUM ANALYZE oauth_audit_hourly_scopes");
            s.execute("VACUUM ANALYZE oauth_audit_daily_counts");
        }
        table.put("seeding", String.format("%,d rows in %.0f s", rows, (System.nanoTime() - started) / 1e9));
    }

    private void measureQueries(String base, String admin, String label, boolean deep) throws Exception {
        String list = "/api/admin/oauth/service/audit-logs";
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T12:00:00Z";
        String yesterdayLater = LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T13:00:00Z";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("/statistics", "/api/admin/oauth/service/statistics");
        queries.put("/audit-logs first page", list);
        queries.put("/audit-logs ?client_id=", list + "?client_id=svc-07");
        queries.put("/audit-logs ?action=", list + "?action=token_request_failed");
        queries.put("/audit-logs ?success=false", list + "?success=false");
        queries.put("/audit-logs ?since=&until= (an hour)", list + "?since=" + encode(yesterday) + "&until=" + encode(yesterdayLater));
        queries.put("/audit-logs ?client_id=&action=", list + "?client_id=svc-07&action=token_issued");
        // The seeded client svc-07 never introspects: the worst case, where an index must find that nothing matches.
        queries.put("/audit-logs ?client_id=&action= (none match)", list + "?client_id=svc-07&action=token_introspected");
        queries.put("/audit-logs ?client_id=&success=false", list + "?client_id=unknown-1&success=false");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            timed(label, query.getKey(), base + query.getValue(), admin);
        }
        if (deep) {
            String cursor = null;
            for (int page = 1; page < 1000; page++) {
                JsonObject body = json(get(base + list + (cursor == null ? "" : "?cursor=" + cursor), admin));
                cursor = body.getString("next_cursor");
            }
            timed(label, "/audit-logs page 1,000 by cursor", base + list + "?cursor=" + cursor, admin);
        }
    }

    /** {@code samples} requests one after the other, after {@value #UNMEASURED} unmeasured ones. */
    private void timed(String label, String name, String url, String admin) throws Exception {
        double[] millis = new double[samples];
        for (int i = -UNMEASURED; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(url, admin);
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            if (response.statusCode() != 200) {
                failures.add(name + " answered " + response.statusCode() + ": " + response.body());
                return;
            }
        }
        Arrays.sort(millis);
        String figures = String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(millis, 50), percentile(millis, 99),
                millis[millis.length - 1]);
        table.put(label + ": " + name, figures);
        System.out.println("  " + name + ": " + figures);
    }

    /** Every figure of /statistics against COUNT(*) over the raw rows of the same window. */
    private void checkStatistics(Connection db, String base, String admin) throws Exception {
        JsonObject stats = json(get(base + "/api/admin/oauth/service/statistics", admin));
        String since = stats.getString("window_start");
        long total = count(db, "SELECT count(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success");
        long day = count(db, "SELECT count(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success"
                + " AND created_at >= '" + since + "'");
        long failed = count(db, "SELECT count(*) FROM oauth_audit_logs WHERE NOT success AND error_code = 'invalid_client'"
                + " AND COALESCE(reason, '') <> 'throttled' AND created_at >= '" + since + "'");
        boolean exact = total == stats.getJsonNumber("tokens_issued_total").longValue()
                && day == stats.getJsonNumber("tokens_issued_24h").longValue()
                && failed == stats.getJsonNumber("failed_authentications_24h").longValue();
        table.put("statistics equal the raw rows' COUNT(*)", exact ? String.format("yes (%,d tokens in all, %,d in the window)", total, day) : "NO");
        if (!exact) {
            failures.add("/statistics " + stats + " differs from the raw rows: total " + total + ", 24h " + day + ", failed " + failed);
        }
    }

    /** Token issuance under load for {@code load}, alone, then with the oldest day's partition dropped in the middle. */
    private void measureDrop(Connection db, Wrk wrk, String base, String basic) throws Exception {
        String url = base + "/api/oauth/token";
        Wrk.Request request = Wrk.Request.postForm("grant_type=client_credentials", Map.of("Authorization", "Basic " + basic));
        System.out.println("Token issuance under load, then again while the oldest day's partition is dropped");
        wrk.run(url, request, load);
        Wrk.Run alone = wrk.run(url, request, load);
        String oldest = text(db, "SELECT partition_name FROM oauth_audit_partitions() ORDER BY ends LIMIT 1");
        long partitionRows = count(db, "SELECT count(*) FROM " + oldest);
        String size = text(db, "SELECT pg_size_pretty(pg_total_relation_size('" + oldest + "'))");
        CompletableFuture<Double> drop = CompletableFuture.supplyAsync(() -> {
            try (Connection c = DriverManager.getConnection(db.getMetaData().getURL(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                 Statement s = c.createStatement()) {
                Thread.sleep(load.toMillis() / 3);
                long start = System.nanoTime();
                s.execute("SELECT oauth_audit_retire_partitions((SELECT ends FROM oauth_audit_partitions() ORDER BY ends LIMIT 1), false)");
                return (System.nanoTime() - start) / 1e6;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Wrk.Run dropping = wrk.run(url, request, load);
        double dropMillis = drop.get();
        table.put("token issuance alone", String.format("%.0f tokens/s, p99 %.1f ms", alone.requestsPerSecond(), alone.latencyMs().get(99.0)));
        table.put("token issuance while a partition is dropped", String.format("%.0f tokens/s, p99 %.1f ms",
                dropping.requestsPerSecond(), dropping.latencyMs().get(99.0)));
        table.put("dropping the oldest day's partition", String.format("%.0f ms (%s: %,d rows, %s)", dropMillis, oldest, partitionRows, size));
        if (alone.errors() + dropping.errors() > 0) {
            failures.add((alone.errors() + dropping.errors()) + " token requests failed");
        }
    }

    private void report() throws Exception {
        StringBuilder md = new StringBuilder("# The audit trail at size (mvn -Pbench -Dbench.audit.rows=" + rows + ")\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; HTTP requests one at a time (").append(samples).append(" each after ").append(UNMEASURED)
                .append(" unmeasured); token load: wrk,"
                        + " 2 threads, 32 connections, ").append(load.toSeconds()).append(" s.\n\n| measurement | result |\n|---|---|\n");
        table.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        Files.writeString(out.resolve("results.md"), md);
        System.out.println();
        System.out.print(md);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String token(String base, String basic) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=admin:oauth")).build(),
                HttpResponse.BodyHandlers.ofString());
        return json(response).getString("access_token");
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
