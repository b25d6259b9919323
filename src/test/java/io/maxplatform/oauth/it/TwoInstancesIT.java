package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro instances started together on one empty database, behind what would be one load balancer
 * (one {@code PUBLIC_URL}): they apply the schema once and create one signing key; a change made through
 * instance A is honoured by instance B through PostgreSQL's notifications (each check prints how long it took);
 * failed authentications count against one limit whichever instance they reach; the scheduled rotation and the
 * clean-up run once for the database. Rotation and clean-up run at test speed here: verifiers cache the JWKS 2 s
 * (the schedule looks every second), a key rotates after a day, the clean-up runs every 2 s.
 *
 * <p>No check here bounds how fast this machine is. Where B has no way but the announcement to learn of a change
 * while it listens (revocations, cut-offs, the shared failure count), the check waits for it with a generous
 * deadline. Where B would also learn of it without the announcement, once its cached client expires, the check
 * asks for it before that cache entry could have expired, counted from a moment before B read the client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final String DATABASE = "two_instances";
    /** For what must happen at all: long enough for any machine, not a measure of this one. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    /** How long B keeps a client it read (ClientCache.MAX_AGE): what honours a change to a client without the feed. */
    private static final Duration CLIENT_CACHE_MAX_AGE = Duration.ofSeconds(5);
    /** The scheduled rotation's advisory lock (SigningKeyRepository.ROTATION_LOCK_KEY). */
    private static final long ROTATION_LOCK_KEY = 0x6d61786b6579L;
    /** What each instance calls itself on its database connections (PostgreSQL's application_name). */
    private static final String NAME_A = "two-instances-a";
    private static final String NAME_B = "two-instances-b";

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
        a = launch(portA, logA, NAME_A);
        b = launch(portB, logB, NAME_B);
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

    private static Process launch(int port, Path log, String name) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("it.micro.jar"), "--nocluster", "--port", String.valueOf(port),
                "--prebootcommandfile", System.getProperty("it.preboot"), "--deploy", System.getProperty("it.war"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // One issuer for both (the load balancer's URL); each fetches the key set from itself.
        builder.environment().putAll(Map.of("DATABASE_URL", databaseUrl() + "?ApplicationName=" + name, "HTTP_PORT", String.valueOf(port),
                "PUBLIC_URL", "http://localhost:" + System.getProperty("it.http.port"),
                "JWKS_MAX_AGE_SECONDS", "2", "SIGNING_KEY_ROTATION_DAYS", "1", "CLEANUP_INTERVAL_SECONDS", "2"));
        TestDatabase.migratingItself(builder.environment());
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
    void aClientDeactivatedThroughAIsRefusedByBBeforeItsCachedCopyExpires() throws Exception {
        String admin = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        Registered client = registerThroughA(admin);
        Instant read = Instant.now();
        assertEquals(200, tokenResponse(baseB, client.id(), client.secret(), null).statusCode(), "B knows the new client (and caches it)");

        json(call(baseA, "PATCH", "/api/admin/oauth/service/clients/" + client.id(), admin,
                "{\"is_active\":false,\"version\":" + client.version() + "}"), 200);

        assertPropagated("deactivation", () -> tokenResponse(baseB, client.id(), client.secret(), null), r -> r.statusCode() == 401,
                read.plus(CLIENT_CACHE_MAX_AGE));
    }

    @Test
    @Order(2)
    void aTokenRevokedThroughAIsRefusedByB() throws Exception {
        String admin = token(baseB, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        assertEquals(200, call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null).statusCode());

        HttpResponse<String> revoked = revokeThroughA(admin);
        assertEquals(200, revoked.statusCode(), revoked.body());

        assertPropagated("revocation", () -> call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null),
                r -> r.statusCode() == 401);
    }

    @Test
    @Order(3)
    void aCutOffAndARegeneratedSecretThroughAReachB() throws Exception {
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

        // A client B has just read, so its cached copy would outlive the check if the announcement did not drop it.
        Registered regenerated = registerThroughA(admin);
        Instant read = Instant.now();
        assertEquals(200, tokenResponse(baseB, regenerated.id(), regenerated.secret(), null).statusCode());
        json(call(baseA, "POST", "/api/admin/oauth/service/clients/" + regenerated.id() + "/regenerate-secret", admin, null), 200);
        assertPropagated("secret regeneration", () -> tokenResponse(baseB, regenerated.id(), regenerated.secret(), null),
                r -> r.statusCode() == 401, read.plus(CLIENT_CACHE_MAX_AGE));
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
        // Each instance saw ten, fewer than its own limit; together they are at it, and both refuse. (B's probe is the
        // right secret: B counts no failure of its own, so only the announcement can tell it.)
        assertPropagated("failed-authentication limit", () -> tokenResponse(baseB, id, secret, null), r -> r.statusCode() == 429);
        HttpResponse<String> refusedByA = tokenResponse(baseA, id, secret, null);
        assertEquals(429, refusedByA.statusCode(), refusedByA.body());
        assertTrue(refusedByA.headers().firstValue("Retry-After").isPresent());
        assertEquals(20, count("SELECT failures FROM oauth_failed_authentications WHERE client_id = ?", id));
    }

    /**
     * The instances' own MicroProfile JWT still trusts its cached key set for a while afterwards (2 s here). B would
     * also find the new key at its schedule's next look (every second here): this shows the rotation reaches B,
     * not which of the two brought it.
     */
    @Test
    @Order(5)
    void anEmergencyRotationThroughAIsPublishedAndUsedByB() throws Exception {
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

    /**
     * Both schedules are made to find the rotation due at once: the test holds the rotation lock while the key
     * becomes due, and lets go once both instances wait for it (PostgreSQL shows their two waiting requests). The one
     * that gets it first rotates; the other, under the lock, finds the rotation made. Both are through when no one
     * holds or waits for the lock any more (a schedule that finds a next key published takes no lock).
     */
    @Test
    @Order(6)
    void theScheduledRotationHappensOnceForTheDatabase() throws Exception {
        String signing = SignedJWT.parse(token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, null)).getHeader().getKeyID();
        try (Connection holder = DriverManager.getConnection(databaseUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + ROTATION_LOCK_KEY + ")");
            try {
                // The key has signed for the rotation period (a day): both instances' schedules find it due.
                update("UPDATE oauth_signing_keys SET activates_at = now() - interval '25 hours',"
                        + " created_at = now() - interval '25 hours' WHERE kid = ?", signing);
                // Each waits at most 2 s (the pool's lock_timeout) and tries again a second later: they overlap.
                await("both schedules wait for the rotation lock", () -> rotationLockRequests(false) == 2);
            } finally {
                lock.execute("SELECT pg_advisory_unlock(" + ROTATION_LOCK_KEY + ")");
            }
        }
        await("both schedules are through the rotation lock", () -> rotationLockRequests(true) == 0 && rotationLockRequests(false) == 0);
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
     * Both instances run the clean-up (every 2 s here). A trigger of the test's own records which instance's
     * connection deleted each revocation (each connects under its own application_name): the expired row is
     * deleted once, by one instance, whose log then says its clean-up removed one expired revocation. (What keeps
     * two rounds from overlapping is the clean-up's try-lock; a row can be deleted only once either way.)
     */
    @Test
    @Order(7)
    void anExpiredRowIsRemovedByTheCleanUpOfOneInstance() throws Exception {
        update("CREATE TABLE test_deleted_revocations (token_id varchar(255), deleted_by text)");
        update("CREATE FUNCTION test_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO test_deleted_revocations VALUES (OLD.token_id, current_setting('application_name')); RETURN OLD; END $$");
        update("CREATE TRIGGER test_record_deletion AFTER DELETE ON oauth_revoked_tokens FOR EACH ROW"
                + " EXECUTE FUNCTION test_record_deletion()");
        try {
            String tokenId = "expired-" + System.nanoTime();
            update("INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at, revoked_at)"
                    + " VALUES (?, ?, now() - interval '1 hour', now() - interval '2 hours')", tokenId, BOOTSTRAP_ID);

            await("the expired row is removed", () -> count("SELECT COUNT(*) FROM oauth_revoked_tokens WHERE token_id = ?", tokenId) == 0);
            assertEquals(1, count("SELECT COUNT(*) FROM test_deleted_revocations"), "one deletion of a revocation, this one");
            String deletedBy = text("SELECT deleted_by FROM test_deleted_revocations WHERE token_id = ?", tokenId);
            assertTrue(List.of(NAME_A, NAME_B).contains(deletedBy), "deleted by an instance: " + deletedBy);
            Path log = deletedBy.equals(NAME_A) ? logA : logB;
            // The round logs once its last batch is done, after this row's commit.
            await(deletedBy + " says its clean-up removed it", () -> Files.readAllLines(log).stream()
                    .anyMatch(line -> line.contains("Clean-up removed 1 expired revocation(s)")));
        } finally {
            update("DROP TRIGGER test_record_deletion ON oauth_revoked_tokens");
            update("DROP FUNCTION test_record_deletion()");
            update("DROP TABLE test_deleted_revocations");
        }
    }

    /**
     * Every connection to the database cut at once (what a PostgreSQL restart or a network cut does), then a
     * revocation through A: B must not go on accepting the token. B's feed notices within a second, reconnects and
     * re-reads everything; until it has, B asks the database on every use after 3 s at most. (How long B took is
     * printed, not bounded: that 3 s is ChangeFeedStatus's, and a bound here would measure this machine.)
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
        while (onB.statusCode() != 401 && Instant.now().isBefore(changed.plus(EVENTUALLY))) {
            Thread.sleep(20);
            onB = call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null);
        }
        long took = Duration.between(changed, Instant.now()).toMillis();
        System.out.println("Two instances: after every connection was cut, the revocation made through A reached B in " + took + " ms");
        assertEquals(401, onB.statusCode(), onB.body());
        await("B listens again", () -> listening(baseB));
    }

    /**
     * A trust anchor's keys replaced through A: B accepts identity tokens signed with the new key, and refuses those of
     * the old one, within a second (trust anchors are announced like clients; B holds them all in memory).
     */
    @Test
    @Order(9)
    void aTrustAnchorChangedThroughAIsHonouredByBWithinASecond() throws Exception {
        String system = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:system admin:oauth");
        JWK first = ClientKeys.rsa("cluster-1");
        JWK second = ClientKeys.ec("cluster-2");
        String issuer = "https://cluster-" + Long.toString(System.nanoTime(), 36) + ".example";
        JsonObject anchor = json(call(baseA, "POST", "/api/admin/system/trust-anchors", system, "{\"name\":\"two-cluster\","
                + "\"kind\":\"kubernetes\",\"issuer\":\"" + issuer + "\",\"jwks\":" + ClientKeys.publicJwks(first) + "}"), 201);
        json(call(baseA, "POST", "/api/admin/oauth/service/clients", system, "{\"client_id\":\"two-federated\","
                + "\"client_name\":\"federated\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"],"
                + "\"token_endpoint_auth_method\":"
                + "\"federated_jwt\",\"trust_anchor\":\"two-cluster\",\"federated_subject\":\"system:serviceaccount:payments:reports\"}"), 201);
        assertPropagated("new trust anchor", () -> federatedToken(baseB, first, issuer), r -> r.statusCode() == 200);

        json(call(baseA, "PATCH", "/api/admin/system/trust-anchors/two-cluster", system, "{\"version\":"
                + anchor.getJsonNumber("version").longValue() + ",\"jwks\":" + ClientKeys.publicJwks(second) + "}"), 200);
        Instant changed = Instant.now();
        assertPropagated("trust anchor's new key", () -> federatedToken(baseB, second, issuer), r -> r.statusCode() == 200);
        assertTrue(Duration.between(changed, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0,
                "B honoured the anchor's change within a second");
        assertEquals(401, federatedToken(baseB, first, issuer).statusCode(), "the replaced key no longer vouches");
    }

    /** A Kubernetes-shaped service-account token of {@code issuer}, signed with {@code key}, presented to {@code base}. */
    private static HttpResponse<String> federatedToken(String base, JWK key, String issuer) {
        Instant now = Instant.now();
        String serviceAccountToken = ClientKeys.sign(key, key instanceof com.nimbusds.jose.jwk.ECKey
                        ? com.nimbusds.jose.JWSAlgorithm.ES256 : com.nimbusds.jose.JWSAlgorithm.RS256,
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuer).subject("system:serviceaccount:payments:reports")
                        .audience("http://localhost:" + System.getProperty("it.http.port") + "/api/oauth")
                        .issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(3600))).build());
        return send(HttpRequest.newBuilder(URI.create(base + "/api/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        ClientKeys.tokenForm(serviceAccountToken))));
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

    /**
     * Polls {@code probe} on B until {@code done}, within {@link #EVENTUALLY}; prints how long the change took to get
     * there (a 429's answer includes its 1 s tarpit). B must still be listening afterwards: otherwise it could have
     * read the change from the database rather than heard it.
     */
    private static void assertPropagated(String what, Supplier<HttpResponse<String>> probe,
                                         Predicate<HttpResponse<String>> done) throws InterruptedException {
        assertPropagated(what, probe, done, null);
    }

    /**
     * The same, for a change B would also learn of without the announcement once a cached copy expires: B must have
     * honoured it before {@code cachedCopyExpiresNoEarlierThan}.
     */
    private static void assertPropagated(String what, Supplier<HttpResponse<String>> probe, Predicate<HttpResponse<String>> done,
                                         Instant cachedCopyExpiresNoEarlierThan) throws InterruptedException {
        Instant changed = Instant.now();
        Instant deadline = changed.plus(EVENTUALLY);
        HttpResponse<String> last = probe.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            last = probe.get();
        }
        Instant reached = Instant.now();
        System.out.println("Two instances: the " + what + " made through A reached B in "
                + Duration.between(changed, reached).toMillis() + " ms");
        assertTrue(done.test(last), what + " never reached B: " + last.statusCode() + " " + last.body());
        if (cachedCopyExpiresNoEarlierThan != null) {
            assertTrue(reached.isBefore(cachedCopyExpiresNoEarlierThan), what + " reached B only "
                    + Duration.between(cachedCopyExpiresNoEarlierThan, reached).toMillis()
                    + " ms after its cached copy may have expired: it was not the announcement");
        }
        assertTrue(listening(baseB), "B listened, so it heard the " + what + " rather than read it");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for {@code condition}, polling, within {@link #EVENTUALLY}. */
    private static void await(String what, Condition condition) {
        Awaitility.await(what).atMost(EVENTUALLY).until(condition::holds);
    }

    /** Requests for the rotation lock in this database, granted or waiting. */
    private static long rotationLockRequests(boolean granted) throws SQLException {
        return count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()) AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1 AND granted = ?",
                ROTATION_LOCK_KEY >>> 32, ROTATION_LOCK_KEY & 0xffffffffL, granted);
    }

    private static String text(String sql, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
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
