package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro instances started together on one empty database, behind what would be one load balancer
 * (one {@code PUBLIC_URL}): they apply the schema once and create one signing key; a change made through
 * instance A is honoured by instance B within a second, through PostgreSQL's notifications (each check prints how
 * long it took); failed authentications count against one limit whichever instance they reach; the scheduled
 * rotation and the clean-up run once for the database. Rotation and clean-up run at test speed here: verifiers
 * cache the JWKS 2 s (the schedule looks every second), a key rotates after a day, the clean-up runs every 2 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final String DATABASE = "two_instances";
    private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(1);
    /** How long an instance may answer from a view it cannot prove current (ChangeFeedStatus.PROVEN_FOR, 3 s), plus a second. */
    private static final Duration UNPROVEN_LIMIT = Duration.ofSeconds(4);
    /** How long a 429 is held back before it is answered (ClientRequests.TARPIT_MILLIS). */
    private static final Duration TARPIT = Duration.ofSeconds(1);

    private static Process a;
    private static Process b;
    private static String baseA;
    private static String baseB;
    private static Path logA;
    private static Path logB;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
        ServerHttp.awaitFreePort();
        int portA = Integer.parseInt(System.getProperty("it.http.port"));
        int portB = Integer.parseInt(System.getProperty("it.http.port.b"));
        baseA = "http://localhost:" + portA;
        baseB = "http://localhost:" + portB;
        Path logs = Path.of(System.getProperty("it.logs")).toAbsolutePath();
        Files.createDirectories(logs);
        logA = logs.resolve("two-instances-a.log");
        logB = logs.resolve("two-instances-b.log");
        Files.deleteIfExists(logA);
        Files.deleteIfExists(logB);
        // Together, onto the empty database: the schema, the bootstrap client and the first key race.
        a = launch(portA, logA);
        b = launch(portB, logB);
        awaitReady(a, portA, logA);
        awaitReady(b, portB, logB);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process server : new Process[] {a, b}) {
            if (server != null) {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static Process launch(int port, Path log) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("it.micro.jar"), "--nocluster", "--port", String.valueOf(port),
                "--prebootcommandfile", System.getProperty("it.preboot"), "--deploy", System.getProperty("it.war"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // One issuer for both (the load balancer's URL); each fetches the key set from itself.
        builder.environment().putAll(Map.of("DATABASE_URL", databaseUrl(), "HTTP_PORT", String.valueOf(port),
                "PUBLIC_URL", "http://localhost:" + System.getProperty("it.http.port"),
                "JWKS_MAX_AGE_SECONDS", "2", "SIGNING_KEY_ROTATION_DAYS", "1", "CLEANUP_INTERVAL_SECONDS", "2"));
        return builder.start();
    }

    private static String databaseUrl() {
        return "jdbc:postgresql://localhost:" + System.getProperty("it.db.port") + "/" + DATABASE;
    }

    private static void awaitReady(Process server, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                if (send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        server.destroyForcibly();
        throw new AssertionError("an instance did not become ready; see " + log);
    }

    @Test
    @Order(0)
    void startedTogetherTheyAppliedTheSchemaOnceAndCreatedOneKeyThatBothPublish() throws Exception {
        // Liquibase stamps every changeset of one update run with that run's deployment id.
        assertEquals(1, count("SELECT COUNT(DISTINCT deployment_id) FROM databasechangelog"));
        assertEquals(count("SELECT COUNT(DISTINCT id) FROM databasechangelog"), count("SELECT COUNT(*) FROM databasechangelog"));
        assertEquals(1, count("SELECT COUNT(*) FROM oauth_signing_keys"));
        assertEquals(1, count("SELECT COUNT(*) FROM oauth_clients"), "one bootstrap client");
        // Both hear each other: the propagation below then measures the announcements, not the database fallback
        // an instance uses when it does not hear them (which would honour every change too).
        assertTrue(listening(baseA) && listening(baseB), "both instances' change feeds listen");
        String kid = json(send(HttpRequest.newBuilder(URI.create(baseA + "/api/oauth/jwks"))), 200)
                .getJsonArray("keys").getJsonObject(0).getString("kid");
        assertEquals(json(send(HttpRequest.newBuilder(URI.create(baseB + "/api/oauth/jwks"))), 200).toString(),
                json(send(HttpRequest.newBuilder(URI.create(baseA + "/api/oauth/jwks"))), 200).toString());
        for (String base : List.of(baseA, baseB)) {
            String token = token(base, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
            assertEquals(kid, SignedJWT.parse(token).getHeader().getKeyID());
            // A token from either instance is accepted by the other.
            String other = base.equals(baseA) ? baseB : baseA;
            assertEquals(200, call(other, "GET", "/api/admin/oauth/service/clients", token, null).statusCode());
        }
    }

    @Test
    @Order(1)
    void aClientDeactivatedThroughAIsRefusedByBWithinASecond() throws Exception {
        String admin = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        Registered client = registerThroughA(admin);
        assertEquals(200, tokenResponse(baseB, client.id(), client.secret(), null).statusCode(), "B knows the new client (and caches it)");

        json(call(baseA, "PATCH", "/api/admin/oauth/service/clients/" + client.id(), admin,
                "{\"is_active\":false,\"version\":" + client.version() + "}"), 200);

        assertPropagated("deactivation", () -> tokenResponse(baseB, client.id(), client.secret(), null), r -> r.statusCode() == 401);
    }

    @Test
    @Order(2)
    void aTokenRevokedThroughAIsRefusedByBWithinASecond() throws Exception {
        String admin = token(baseB, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        assertEquals(200, call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null).statusCode());

        HttpResponse<String> revoked = revokeThroughA(admin);
        assertEquals(200, revoked.statusCode(), revoked.body());

        assertPropagated("revocation", () -> call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null),
                r -> r.statusCode() == 401);
    }

    @Test
    @Order(3)
    void aCutOffAndARegeneratedSecretThroughAReachBWithinASecond() throws Exception {
        String admin = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        Registered client = registerThroughA(admin);
        String id = client.id();
        String secret = client.secret();
        String held = token(baseB, id, secret, null);
        Supplier<HttpResponse<String>> introspectOnB = () -> send(HttpRequest.newBuilder(URI.create(baseB + "/api/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("token", held, "client_id", id, "client_secret", secret))));
        assertTrue(introspectOnB.get().body().contains("\"active\":true"));

        assertEquals(204, call(baseA, "POST", "/api/admin/oauth/service/clients/" + id + "/revoke-tokens", admin, null).statusCode());
        assertPropagated("token cut-off", introspectOnB, r -> r.body().contains("\"active\":false"));

        json(call(baseA, "POST", "/api/admin/oauth/service/clients/" + id + "/regenerate-secret", admin, null), 200);
        assertPropagated("secret regeneration", () -> tokenResponse(baseB, id, secret, null), r -> r.statusCode() == 401);
    }

    @Test
    @Order(4)
    void failedAuthenticationsCountOnceForBothInstances() throws Exception {
        String admin = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        Registered client = registerThroughA(admin);
        String id = client.id();
        String secret = client.secret();
        // The limits count in minutes of the database's clock: all twenty in one of them.
        while (count("SELECT CAST(EXTRACT(SECOND FROM clock_timestamp()) AS int)") > 45) {
            Thread.sleep(500);
        }
        // 20 per client and address per minute (the default): ten wrong secrets to each instance, the last to A.
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> wrong = tokenResponse(i % 2 == 0 ? baseB : baseA, id, "wrong-" + i, null);
            assertEquals(401, wrong.statusCode(), "failure " + (i + 1) + ": " + wrong.body());
        }
        // Each instance saw ten, fewer than its own limit; together they are at it, and both refuse.
        // A 429 is answered after the tarpit's second (ClientRequests): the time to the decision is the answer's less that.
        assertPropagated("failed-authentication limit", () -> tokenResponse(baseB, id, secret, null), r -> r.statusCode() == 429,
                TARPIT);
        HttpResponse<String> refusedByA = tokenResponse(baseA, id, secret, null);
        assertEquals(429, refusedByA.statusCode(), refusedByA.body());
        assertTrue(refusedByA.headers().firstValue("Retry-After").isPresent());
        assertEquals(20, count("SELECT failures FROM oauth_failed_authentications WHERE client_id = ?", id));
    }

    /** The instances' own MicroProfile JWT still trusts its cached key set for a while afterwards (2 s here). */
    @Test
    @Order(5)
    void anEmergencyRotationThroughAIsPublishedAndUsedByBWithinASecond() throws Exception {
        String system = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:system");
        json(call(baseA, "POST", "/api/admin/system/keys/rotate?emergency=true", system, null), 200);
        // An emergency rotation withdraws every other key: A's key set holds the new key alone.
        JsonObject jwksOfA = json(send(HttpRequest.newBuilder(URI.create(baseA + "/api/oauth/jwks"))), 200);
        assertEquals(1, jwksOfA.getJsonArray("keys").size());
        String kid = jwksOfA.getJsonArray("keys").getJsonObject(0).getString("kid");

        assertPropagated("key rotation", () -> send(HttpRequest.newBuilder(URI.create(baseB + "/api/oauth/jwks"))),
                r -> r.body().contains(kid));
        String fromB = token(baseB, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        assertEquals(kid, SignedJWT.parse(fromB).getHeader().getKeyID(), "B signs with the new key");
    }

    @Test
    @Order(6)
    void theScheduledRotationHappensOnceForTheDatabase() throws Exception {
        String signing = SignedJWT.parse(token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, null)).getHeader().getKeyID();
        // The key has signed for the rotation period (a day): both instances' schedules find it due within a second.
        update("UPDATE oauth_signing_keys SET activates_at = now() - interval '25 hours', created_at = now() - interval '25 hours'"
                + " WHERE kid = ?", signing);
        Instant deadline = Instant.now().plusSeconds(15);
        while (count("SELECT COUNT(*) FROM oauth_signing_keys WHERE activates_at > now()") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(3_000); // both schedules have looked again since
        assertEquals(1, count("SELECT COUNT(*) FROM oauth_signing_keys WHERE activates_at > now()"), "one next key");
        assertEquals(1, count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'signing_key_rotated' AND success"));
        for (String base : List.of(baseA, baseB)) {
            String jwks = send(HttpRequest.newBuilder(URI.create(base + "/api/oauth/jwks"))).body();
            assertTrue(jwks.contains(signing), "the signing key stays published");
            assertEquals(2, json(send(HttpRequest.newBuilder(URI.create(base + "/api/oauth/jwks"))), 200).getJsonArray("keys").size(),
                    "the signing key and the one next key, published ahead: " + jwks);
        }
    }

    /**
     * Both instances run the clean-up (every 2 s here); a row is removed by one of them. A row can only be deleted
     * once anyway: what keeps two rounds from working at the same time is the clean-up's try-lock, which this does
     * not observe.
     */
    @Test
    @Order(7)
    void anExpiredRowIsRemovedByOneInstancesCleanUp() throws Exception {
        String tokenId = "expired-" + System.nanoTime();
        update("INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at, revoked_at)"
                + " VALUES (?, ?, now() - interval '1 hour', now() - interval '2 hours')", tokenId, BOOTSTRAP_ID);
        Instant deadline = Instant.now().plusSeconds(15);
        while (count("SELECT COUNT(*) FROM oauth_revoked_tokens WHERE token_id = ?", tokenId) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0, count("SELECT COUNT(*) FROM oauth_revoked_tokens WHERE token_id = ?", tokenId));
        Thread.sleep(500); // the log line follows the round's last batch
        long rounds = 0;
        for (Path log : List.of(logA, logB)) {
            rounds += Files.readAllLines(log).stream().filter(line -> line.contains("Clean-up removed 1 expired revocation(s)")).count();
        }
        assertEquals(1, rounds, "one instance removed it, and said so");
    }

    /**
     * Every connection to the database cut at once (what a PostgreSQL restart or a network cut does), then a
     * revocation through A: B must not go on accepting the token. B's feed notices within a second, reconnects and
     * re-reads everything; until it has, B asks the database on every use after 3 s at most.
     */
    @Test
    @Order(8)
    void afterEveryConnectionIsCutBHonoursARevocationMadeMeanwhile() throws Exception {
        String admin = token(baseB, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        assertEquals(200, call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null).statusCode());

        update("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()", DATABASE);
        Instant deadline = Instant.now().plusSeconds(15);
        HttpResponse<String> revoked;
        do { // A's pool replaces its cut connections; a request meanwhile may answer 503
            revoked = revokeThroughA(admin);
        } while (revoked.statusCode() != 200 && Instant.now().isBefore(deadline));
        assertEquals(200, revoked.statusCode(), revoked.body());

        Instant changed = Instant.now();
        HttpResponse<String> onB = call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null);
        while (onB.statusCode() != 401 && Duration.between(changed, Instant.now()).toSeconds() < 10) {
            Thread.sleep(20);
            onB = call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null);
        }
        long took = Duration.between(changed, Instant.now()).toMillis();
        System.out.println("Two instances: after every connection was cut, the revocation made through A reached B in " + took + " ms");
        assertEquals(401, onB.statusCode(), onB.body());
        assertTrue(took < UNPROVEN_LIMIT.toMillis(), took + " ms");
        Instant back = Instant.now().plusSeconds(10);
        while (!listening(baseB) && Instant.now().isBefore(back)) {
            Thread.sleep(100);
        }
        assertTrue(listening(baseB), "B listens again");
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static void update(String sql, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    /** Polls {@code probe} on B until {@code done}; prints and checks how long the change took to get there. */
    private static void assertPropagated(String what, Supplier<HttpResponse<String>> probe,
                                         Predicate<HttpResponse<String>> done) throws InterruptedException {
        assertPropagated(what, probe, done, Duration.ZERO);
    }

    /** The same, for a probe whose answer is held back by {@code answerDelay} after the decision. */
    private static void assertPropagated(String what, Supplier<HttpResponse<String>> probe,
                                         Predicate<HttpResponse<String>> done, Duration answerDelay) throws InterruptedException {
        Instant changed = Instant.now();
        Instant deadline = changed.plus(Duration.ofSeconds(5)).plus(answerDelay);
        HttpResponse<String> last = probe.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            last = probe.get();
        }
        Duration took = Duration.between(changed, Instant.now()).minus(answerDelay);
        System.out.println("Two instances: the " + what + " made through A reached B in " + took.toMillis() + " ms");
        assertTrue(done.test(last), what + " never reached B: " + last.statusCode() + " " + last.body());
        assertTrue(took.compareTo(PROPAGATION_LIMIT) < 0, what + " took " + took.toMillis() + " ms to reach B");
    }

    private record Registered(String id, String secret, long version) {
    }

    /** A new client, registered through A's admin API. */
    private static Registered registerThroughA(String admin) {
        String id = "two-" + Long.toString(System.nanoTime(), 36);
        JsonObject created = json(call(baseA, "POST", "/api/admin/oauth/service/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":\"two instances\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"]}"), 201);
        SuiteSecrets.add(created.getString("client_secret"));
        return new Registered(id, created.getString("client_secret"),
                created.getJsonObject("client").getJsonNumber("version").longValue());
    }

    /** RFC 7009 revocation of one of the bootstrap client's tokens, through A. */
    private static HttpResponse<String> revokeThroughA(String token) {
        return send(HttpRequest.newBuilder(URI.create(baseA + "/api/oauth/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("token", token, "client_id", BOOTSTRAP_ID, "client_secret", BOOTSTRAP_SECRET))));
    }

    /** Whether {@code base}'s metrics say its change feed listens (else its views read the database on every use). */
    private static boolean listening(String base) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/metrics"))).body().contains("maxplatform_change_feed_listening 1.0");
    }

    private static String token(String base, String clientId, String secret, String scope) {
        JsonObject answer = json(tokenResponse(base, clientId, secret, scope), 200);
        return answer.getString("access_token");
    }

    private static HttpResponse<String> tokenResponse(String base, String clientId, String secret, String scope) {
        String body = scope == null ? form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)
                : form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret, "scope", scope);
        return send(HttpRequest.newBuilder(URI.create(base + "/api/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> call(String base, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private static JsonObject json(HttpResponse<String> response, int expectedStatus) {
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return ServerHttp.send(request);
    }
}
