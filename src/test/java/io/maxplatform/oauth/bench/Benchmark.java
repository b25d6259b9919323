package io.maxplatform.oauth.bench;

import com.nimbusds.jose.JWSAlgorithm;
import io.maxplatform.oauth.authentication.SecretGenerator;
import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import io.maxplatform.oauth.devserver.QuickStart;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.URI;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code mvn -Pbench} (src/site/markdown/performance.md): builds the WAR, starts it as the quick start does on a fresh
 * embedded PostgreSQL, and measures with wrk, one scenario after the other under the same load: the trivial
 * GET, token issuance, a protected read, introspection, token issuance again with ES256, and the signing
 * primitive alone. With {@code -Dkeycloak} it then starts Keycloak and measures the trivial GET and token
 * issuance there. Prints one table, writes {@code target/bench/results.json} and {@code latency.png}, and fails
 * when any request failed or the tokens answered and the {@code token_issued} audit rows disagree. With
 * {@code -Dbench.audit.rows=N} it measures the audit trail at that size instead ({@link AuditAtScale}); with
 * {@code -Dbench.migration}, what each changeset of the changelog locks and for how long ({@link MigrationLocks}).
 */
public final class Benchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup", 30));
    private final Duration duration = Duration.ofSeconds(Long.getLong("bench.duration", 30));
    private final int port = Integer.getInteger("bench.port", 8090);
    private final int databasePort = Integer.getInteger("bench.db.port", 5440);
    /** {@code -Dbench.instances=2}: token issuance is measured again against two instances on the one database. */
    private final int instances = Integer.getInteger("bench.instances", 1);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    private final Path war;
    private final Wrk wrk;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Object> facts = new java.util.LinkedHashMap<>();

    /** One line of the table. {@code run} is null for the signing limit, measured without HTTP. */
    record Row(String server, String scenario, double perSecond, Wrk.Run run) {
    }

    private Benchmark(Path war) throws Exception {
        this.war = war;
        Files.createDirectories(out);
        this.wrk = new Wrk(Integer.getInteger("bench.connections", 32), out);
    }

    public static void main(String[] args) throws Exception {
        Path builtWar = Path.of(args.length > 0 ? args[0] : "target/maxplatform-oauth.war");
        if (MigrationLocks.requested()) {
            new MigrationLocks().run();
            return;
        }
        if (AuditAtScale.requested()) {
            new AuditAtScale(builtWar).run();
            return;
        }
        Benchmark benchmark = new Benchmark(builtWar);
        if (!benchmark.run(Boolean.getBoolean("bench.keycloak"), args.length > 1 ? Path.of(args[1]) : null)) {
            throw new IllegalStateException("The benchmark failed: " + String.join("; ", benchmark.failures));
        }
    }

    private boolean run(boolean withKeycloak, Path keycloakHome) throws Exception {
        Wrk.ensureInstalled();
        System.out.printf("Load: wrk, 2 threads, %d connections, %d s warm-up then %d s measured per scenario, on %d cores%n",
                wrk.connections(), warmUp.toSeconds(), duration.toSeconds(), Runtime.getRuntime().availableProcessors());

        System.out.println("Signing alone (" + io.maxplatform.oauth.key.NativeSigning.description() + ")");
        double rs256 = SigningLimit.perSecond(JWSAlgorithm.RS256, Duration.ofSeconds(5));
        double es256 = SigningLimit.perSecond(JWSAlgorithm.ES256, Duration.ofSeconds(5));
        rows.add(new Row("signing alone", "RS256 signatures", rs256, null));
        rows.add(new Row("signing alone", "ES256 signatures", es256, null));

        measureThisServer();
        if (withKeycloak) {
            measureKeycloak(keycloakHome);
        }
        report(rs256, es256);
        return failures.isEmpty();
    }

    private void measureThisServer() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(out.resolve("postgres"), databasePort, "platform_integration", true);
             PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("server.log")), true, StandardCharsets.UTF_8)) {
            Map<String, String> env = serverEnvironment(database);
            env.put("ALGORITHM", "RS256");
            String base = "http://localhost:" + port;

            Instant started = Instant.now();
            String kind = BenchServer.requestedKind();
            facts.put("server", kind);
            BenchServer server = BenchServer.start(kind, war, port, env, log, out.resolve(kind + ".log"));
            facts.put("ready_seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
            System.out.printf("This server ready on %s in %.1f s (log: %s)%n", kind, (double) facts.get("ready_seconds"),
                    out.resolve("server.log"));
            try {
                Clients clients = new Clients(base, "maxplatform-service", env.get("SERVICE_CLIENT_SECRET"));
                warmUpEveryScenario(base, clients);
                measure("this server", "trivial GET", base + "/api/oauth/.well-known/oauth-authorization-server",
                        Wrk.Request.get(Map.of()));
                measureTokens("this server", "token (RS256)", base, clients, database);
                measure("this server", "protected read", base + "/api/admin/oauth/service/clients/" + clients.clientId,
                        Wrk.Request.get(Map.of("Authorization", "Bearer " + clients.adminToken)));
                measure("this server", "introspection", base + "/api/oauth/introspect",
                        Wrk.Request.postForm("token=" + clients.token(), Map.of("Authorization", "Basic " + clients.basic())));
                facts.put("resident_mb_after_run", residentMegabytes(server.pid()));
            } finally {
                server.close();
            }
            if (!"payara-micro".equals(kind)) {
                // The other servers keep their settings in their configuration: ES256 and several instances are
                // measured on Payara Micro, which takes them from the environment at each start.
                measureAuditInserts(database);
                return;
            }

            if (instances > 1) {
                measureInstances(env, database, log);
            }

            env.put("ALGORITHM", "ES256");
            Process es256 = QuickStart.serve(war, port, env, log);
            try {
                Clients clients = new Clients(base, "maxplatform-service", env.get("SERVICE_CLIENT_SECRET"));
                measureTokens("this server", "token (ES256)", base, clients, database);
            } finally {
                stop(es256);
            }
            measureAuditInserts(database);
        }
    }

    /**
     * Token issuance (RS256) against {@link #instances} instances on one database, ports {@code port}, {@code port + 1},
     * …, sharing one {@code PUBLIC_URL} (src/site/markdown/operators.md, "Running several instances"); wrk's threads take turns over them.
     * The audit check is the same as for one instance: every token answered by any instance has its row.
     */
    private void measureInstances(Map<String, String> env, EmbeddedDatabase database, PrintStream log) throws Exception {
        Map<String, String> shared = new HashMap<>(env);
        shared.put("PUBLIC_URL", "http://localhost:" + port);
        List<Process> servers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                ports.add(port + i);
                servers.add(QuickStart.serve(war, port + i, shared, log));
            }
            String base = "http://localhost:" + port;
            Clients clients = new Clients(base, "maxplatform-service", env.get("SERVICE_CLIENT_SECRET"));
            // Several JVMs on the same cores compile their hot code at a fraction of the CPU each: measured on 2 cores,
            // two instances gave 322 tokens/s after 30 s of load, 620 after 2 minutes and 1,000-1,150 after 5. So each
            // is warmed alone first, then all of them together for three warm-up periods (the last in measureTokens).
            for (int instance : ports) {
                System.out.println("  warming up the instance on port " + instance + " alone");
                wrk.run("http://localhost:" + instance + "/api/oauth/token", tokenRequest(clients), warmUp);
            }
            System.out.println("  warming up the " + instances + " instances together");
            wrk.run(base + "/api/oauth/token", tokenRequest(clients), warmUp.multipliedBy(2), ports);
            measureTokens(instances + " instances", "token (RS256)", base, clients, database, ports);
            long resident = 0;
            for (Process server : servers) {
                resident += residentMegabytes(server.pid());
            }
            facts.put("resident_mb_after_run, " + instances + " instances together", resident);
        } finally {
            for (Process server : servers) {
                stop(server);
            }
        }
    }

    /**
     * PostgreSQL alone, the server stopped: audit rows committed per second with the writer's statement, one row per
     * commit (what a request-per-transaction design would get) and in the batches the group commit makes under load,
     * for one writer (one instance) and for four (four instances). The capacity plan's database figure.
     */
    private void measureAuditInserts(EmbeddedDatabase database) throws Exception {
        System.out.println("Measuring PostgreSQL alone: audit inserts");
        Duration each = Duration.ofSeconds(Math.min(10, duration.toSeconds()));
        rows.add(new Row("PostgreSQL alone", "audit rows, 1 writer, 1 per commit", AuditInsertLimit.rowsPerSecond(database, 1, 1, each), null));
        rows.add(new Row("PostgreSQL alone", "audit rows, 1 writer, 32 per commit", AuditInsertLimit.rowsPerSecond(database, 1, 32, each), null));
        rows.add(new Row("PostgreSQL alone", "audit rows, 4 writers, 32 per commit", AuditInsertLimit.rowsPerSecond(database, 4, 32, each), null));
        facts.put("audit_bytes_per_row_with_indexes", count(database, "SELECT pg_total_relation_size('oauth_audit_logs')"
                + " / GREATEST(1, (SELECT COUNT(*) FROM oauth_audit_logs WHERE action = ?))", "token_issued"));
    }

    private void measureKeycloak(Path home) throws Exception {
        Optional<Path> java = Keycloak.javaHome();
        if (home == null || !Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            failures.add("Keycloak is not unpacked: run mvn -Pbench -Dkeycloak, which fetches it from Maven Central");
            return;
        }
        if (java.isEmpty()) {
            System.out.println("Keycloak not measured: it needs a JDK 21 or newer, and none was found in /usr/lib/jvm"
                    + " (name one with -Dbench.keycloak.java=/path/to/jdk)");
            return;
        }
        facts.put("keycloak_java", java.get().toString());
        measureKeycloak(KEYCLOAK, home, java.get(), Optional.empty());
        // Production mode on PostgreSQL (a database of its own, durable as this server's is not in the benchmark's
        // embedded one: same PostgreSQL build, same machine), every client login in its event store.
        try (EmbeddedDatabase database = EmbeddedDatabase.start(out.resolve("postgres-keycloak"), databasePort + 1, "keycloak", true)) {
            measureKeycloak(KEYCLOAK_PRODUCTION, home, java.get(), Optional.of(database.jdbcUrl()));
        }
    }

    static final String KEYCLOAK = "Keycloak";
    static final String KEYCLOAK_PRODUCTION = "Keycloak, production + events";

    private void measureKeycloak(String name, Path home, Path java, Optional<String> database) throws Exception {
        String key = database.isEmpty() ? "keycloak" : "keycloak_production";
        try (Keycloak keycloak = Keycloak.start(home, java, port + 100, SecretGenerator.randomToken(33),
                out.resolve(key + ".log"), database)) {
            facts.put(key + "_ready_seconds", keycloak.startup.toMillis() / 1000.0);
            System.out.printf("%s ready in %.1f s on %s (log: %s)%n", name, keycloak.startup.toMillis() / 1000.0, java,
                    out.resolve(key + ".log"));
            measure(name, "trivial GET", keycloak.discoveryUrl(), Wrk.Request.get(Map.of()));
            measure(name, "token (RS256)", keycloak.tokenUrl(), Wrk.Request.postForm("grant_type=client_credentials",
                    Map.of("Authorization", "Basic " + basic(Keycloak.CLIENT_ID, keycloak.clientSecret))));
            facts.put(key + "_resident_mb_after_run", residentMegabytes(keycloak.pid()));
        }
    }

    private Wrk.Run measure(String server, String scenario, String url, Wrk.Request request) throws Exception {
        System.out.println("Measuring " + server + ": " + scenario);
        Wrk.Run run = wrk.warmUpAndMeasure(url, request, warmUp, duration);
        rows.add(new Row(server, scenario, run.requestsPerSecond(), run));
        if (run.errors() > 0) {
            failures.add(server + ", " + scenario + ": " + run.errors() + " of " + run.requests() + " requests failed");
        }
        return run;
    }

    /**
     * Every scenario once for the warm-up time, unmeasured, before any is measured. The JIT compiles what each one
     * runs, and much of it (Jersey, the JSON writers, the pool, the group commit) is shared: measured first on a cold
     * server, the trivial GET came out at 3,600 a second here, against 8,600 to 9,700 on a server warmed by the other
     * scenarios, which made every ratio to it look better than it is.
     */
    private void warmUpEveryScenario(String base, Clients clients) throws Exception {
        System.out.println("Warming up this server: every scenario for " + warmUp.toSeconds() + " s, unmeasured");
        wrk.run(base + "/api/oauth/.well-known/oauth-authorization-server", Wrk.Request.get(Map.of()), warmUp);
        wrk.run(base + "/api/oauth/token", tokenRequest(clients), warmUp);
        wrk.run(base + "/api/admin/oauth/service/clients/" + clients.clientId,
                Wrk.Request.get(Map.of("Authorization", "Bearer " + clients.adminToken)), warmUp);
        wrk.run(base + "/api/oauth/introspect",
                Wrk.Request.postForm("token=" + clients.token(), Map.of("Authorization", "Basic " + clients.basic())), warmUp);
    }

    /**
     * Token issuance, with the audit checked: every token answered has exactly one committed
     * {@code token_issued} row. Requests still in flight when wrk stops are answered and audited but not counted
     * by wrk: at most one per connection.
     */
    private void measureTokens(String server, String scenario, String base, Clients clients, EmbeddedDatabase database) throws Exception {
        measureTokens(server, scenario, base, clients, database, List.of());
    }

    private void measureTokens(String server, String scenario, String base, Clients clients, EmbeddedDatabase database,
                               List<Integer> ports) throws Exception {
        String url = base + "/api/oauth/token";
        Wrk.Request request = tokenRequest(clients);
        System.out.println("Measuring " + server + ": " + scenario);
        wrk.run(url, request, warmUp, ports);
        Thread.sleep(1000); // the warm-up's last answers in flight
        long before = tokenRows(database, clients.clientId);
        Wrk.Run run = wrk.run(url, request, duration, ports);
        Thread.sleep(1000); // the last answers in flight
        long audited = tokenRows(database, clients.clientId) - before;
        long duplicates = duplicateTokenRows(database, clients.clientId);
        rows.add(new Row(server, scenario, run.requestsPerSecond(), run));
        System.out.printf("  %d tokens answered, %d token_issued rows written meanwhile, %d duplicated%n", run.requests(), audited, duplicates);
        facts.put("audit " + server + ", " + scenario, Map.of("tokens_answered", run.requests(), "token_issued_rows", audited, "duplicated_rows", duplicates));
        if (run.errors() > 0) {
            failures.add(server + ", " + scenario + ": " + run.errors() + " requests failed");
        }
        if (audited < run.requests() || audited > run.requests() + wrk.connections() || duplicates != 0) {
            failures.add(server + ", " + scenario + ": " + run.requests() + " tokens answered but " + audited + " token_issued rows ("
                    + duplicates + " duplicated)");
        }
    }

    private static Wrk.Request tokenRequest(Clients clients) {
        return Wrk.Request.postForm("grant_type=client_credentials", Map.of("Authorization", "Basic " + clients.basic()));
    }

    private static long tokenRows(EmbeddedDatabase database, String clientId) throws Exception {
        return count(database, "SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success AND client_id = ?", clientId);
    }

    private static long duplicateTokenRows(EmbeddedDatabase database, String clientId) throws Exception {
        return count(database, "SELECT COUNT(*) - COUNT(DISTINCT token_id) FROM oauth_audit_logs WHERE action = 'token_issued'"
                + " AND client_id = ?", clientId);
    }

    private static long count(EmbeddedDatabase database, String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** A client of its own for the load, an admin token for the protected read. */
    private static final class Clients {
        final String base;
        final String clientId = "bench-" + System.currentTimeMillis();
        final String secret;
        final String adminToken;

        Clients(String base, String bootstrapId, String bootstrapSecret) throws Exception {
            this.base = base;
            this.adminToken = accessToken(base, Benchmark.basic(bootstrapId, bootstrapSecret), "admin:oauth");
            String created = post(base + "/api/admin/oauth/service/clients", "Bearer " + adminToken, "application/json",
                    "{\"client_id\":\"" + clientId + "\",\"client_name\":\"benchmark\",\"allowed_scopes\":[\"read:profile\"],"
                            + "\"default_scopes\":[\"read:profile\"]}");
            this.secret = Json.createReader(new StringReader(created)).readObject().getString("client_secret");
        }

        String basic() {
            return Benchmark.basic(clientId, secret);
        }

        String token() throws Exception {
            return accessToken(base, basic(), null);
        }

        private static String accessToken(String base, String basic, String scope) throws Exception {
            String body = post(base + "/api/oauth/token", "Basic " + basic, "application/x-www-form-urlencoded",
                    "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope));
            return Json.createReader(new StringReader(body)).readObject().getString("access_token");
        }

        private static String post(String url, String authorization, String type, String body) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }

    /** What a server under measurement is started with: the database, and secrets of its own. */
    static Map<String, String> serverEnvironment(EmbeddedDatabase database) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", EmbeddedDatabase.USER);
        env.put("DATABASE_PASSWORD", EmbeddedDatabase.PASSWORD);
        env.put("SCHEMA_MIGRATION", "apply");
        env.put("SECRET_KEY", SecretGenerator.randomToken(48));
        env.put("SERVICE_CLIENT_SECRET", SecretGenerator.randomToken(33));
        return env;
    }

    static String basic(String clientId, String secret) {
        return Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        server.waitFor();
    }

    /**
     * Resident memory of a server, from /proc (Linux): the largest process of its tree, since a launcher script
     * may run the JVM as its child.
     */
    private static long residentMegabytes(long pid) throws Exception {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        long largest = -1;
        for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            largest = Math.max(largest, residentKilobytes(process.pid()) / 1024);
        }
        return largest;
    }

    private static long residentKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // the process ended meanwhile
        }
        return 0;
    }

    private void report(double rs256, double es256) throws Exception {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + InetAddress.getLocalHost().getHostName()
                + ", Java " + System.getProperty("java.version");
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n%s, %s; wrk 2 threads / %d connections, %d s after %d s of warm-up%n%n",
                LocalDate.now(), machine, wrk.connections(), duration.toSeconds(), warmUp.toSeconds()));
        table.append("| server | scenario | per second | p50 ms | p99 ms | max ms | of trivial GET | of signing limit | of Keycloak"
                + " | of Keycloak, production + events |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Wrk.Run run = row.run();
            boolean ours = "this server".equals(row.server()) || row.server().endsWith(" instances");
            table.append(String.format("| %s | %s | %,.0f | %s | %s | %s | %s | %s | %s | %s |%n", row.server(), row.scenario(), row.perSecond(),
                    run == null ? "" : String.format("%.1f", run.percentile(50)),
                    run == null ? "" : String.format("%.1f", run.percentile(99)),
                    run == null ? "" : String.format("%.1f", run.percentile(100)),
                    ratio(row.perSecond(), find(row.server(), "trivial GET")),
                    row.scenario().startsWith("token") ? ratio(row.perSecond(), row.scenario().contains("ES256") ? es256 : rs256) : "",
                    ours ? ratio(row.perSecond(), find(KEYCLOAK, row.scenario())) : "",
                    ours ? ratio(row.perSecond(), find(KEYCLOAK_PRODUCTION, row.scenario())) : ""));
        }
        table.append('\n');
        facts.forEach((name, value) -> table.append(String.format("- %s: %s%n", name, value)));
        System.out.println(table);
        Files.writeString(out.resolve("results.md"), table);
        writeJson(machine);
        List<LatencyChart.Line> lines = new ArrayList<>();
        rows.stream().filter(row -> row.run() != null)
                .forEach(row -> lines.add(new LatencyChart.Line(row.server() + ": " + row.scenario(), row.run().latencyMs())));
        LatencyChart.write("Latency by percentile, wrk 2 threads / " + wrk.connections() + " connections, " + LocalDate.now(),
                lines, out.resolve("latency.png"));
        System.out.println("Written: " + out.resolve("results.md") + ", " + out.resolve("results.json") + ", " + out.resolve("latency.png"));
    }

    private double find(String server, String scenario) {
        return rows.stream().filter(r -> r.server().equals(server) && r.scenario().equals(scenario))
                .mapToDouble(Row::perSecond).findFirst().orElse(Double.NaN);
    }

    private static String ratio(double value, double reference) {
        return Double.isNaN(reference) || reference == 0 ? "" : String.format("%.2f", value / reference);
    }

    private void writeJson(String machine) throws Exception {
        JsonArrayBuilder measured = Json.createArrayBuilder();
        for (Row row : rows) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("server", row.server()).add("scenario", row.scenario())
                    .add("per_second", row.perSecond());
            if (row.run() != null) {
                JsonObjectBuilder latency = Json.createObjectBuilder();
                row.run().latencyMs().forEach((p, ms) -> latency.add("p" + p, ms));
                item.add("requests", row.run().requests()).add("errors", row.run().errors()).add("latency_ms", latency);
            }
            measured.add(item);
        }
        JsonObjectBuilder facts = Json.createObjectBuilder();
        this.facts.forEach((name, value) -> facts.add(name, String.valueOf(value)));
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (Writer file = Files.newBufferedWriter(out.resolve("results.json"))) {
            writers.createWriter(file).writeObject(Json.createObjectBuilder().add("date", LocalDate.now().toString())
                    .add("machine", machine).add("connections", wrk.connections()).add("warm_up_seconds", warmUp.toSeconds())
                    .add("measured_seconds", duration.toSeconds()).add("results", measured).add("facts", facts)
                    .add("passed", failures.isEmpty()).build());
        }
    }
}
