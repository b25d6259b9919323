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
import java.sql.Connection;
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
 * Two Payara Micro instances on one database, behind what would be one load balancer (one {@code PUBLIC_URL}):
 * a change made through instance A is honoured by instance B within a second, through PostgreSQL's
 * notifications. Each check prints how long the change took to reach B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final String DATABASE = "two_instances";
    private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(1);

    private static Process a;
    private static Process b;
    private static String baseA;
    private static String baseB;

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
        a = start(portA, logs.resolve("two-instances-a.log"));
        b = start(portB, logs.resolve("two-instances-b.log"));
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

    private static Process start(int port, Path log) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("it.micro.jar"), "--nocluster", "--port", String.valueOf(port),
                "--prebootcommandfile", System.getProperty("it.preboot"), "--deploy", System.getProperty("it.war"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // One issuer for both (the load balancer's URL); each fetches the key set from itself.
        builder.environment().putAll(Map.of("DATABASE_URL", "jdbc:postgresql://localhost:" + System.getProperty("it.db.port")
                + "/" + DATABASE, "HTTP_PORT", String.valueOf(port), "PUBLIC_URL", "http://localhost:" + System.getProperty("it.http.port")));
        Process server = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                if (send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))).statusCode() == 200) {
                    return server;
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
    @Order(1)
    void aClientDeactivatedThroughAIsRefusedByBWithinASecond() throws Exception {
        String admin = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        String id = "two-" + Long.toString(System.nanoTime(), 36);
        JsonObject created = registerThroughA(admin, id);
        String secret = created.getString("client_secret");
        assertEquals(200, tokenResponse(baseB, id, secret, null).statusCode(), "B knows the new client (and caches it)");
        long version = created.getJsonObject("client").getJsonNumber("version").longValue();

        json(call(baseA, "PATCH", "/api/admin/oauth/service/clients/" + id, admin, "{\"is_active\":false,\"version\":" + version + "}"), 200);

        assertPropagated("deactivation", () -> tokenResponse(baseB, id, secret, null), r -> r.statusCode() == 401);
    }

    @Test
    @Order(2)
    void aTokenRevokedThroughAIsRefusedByBWithinASecond() throws Exception {
        String admin = token(baseB, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        assertEquals(200, call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null).statusCode());

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(URI.create(baseA + "/api/oauth/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("token", admin, "client_id", BOOTSTRAP_ID, "client_secret", BOOTSTRAP_SECRET))));
        assertEquals(200, revoked.statusCode(), revoked.body());

        assertPropagated("revocation", () -> call(baseB, "GET", "/api/admin/oauth/service/clients", admin, null),
                r -> r.statusCode() == 401);
    }

    @Test
    @Order(3)
    void aCutOffAndARegeneratedSecretThroughAReachBWithinASecond() throws Exception {
        String admin = token(baseA, BOOTSTRAP_ID, BOOTSTRAP_SECRET, "admin:oauth");
        String id = "two-" + Long.toString(System.nanoTime(), 36);
        String secret = registerThroughA(admin, id).getString("client_secret");
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

    /** Last: the instances' own MicroProfile JWT still trusts its cached key set for a while afterwards. */
    @Test
    @Order(4)
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

    /** Polls {@code probe} on B until {@code done}; prints and checks how long the change took to get there. */
    private static void assertPropagated(String what, Supplier<HttpResponse<String>> probe,
                                         Predicate<HttpResponse<String>> done) throws InterruptedException {
        Instant changed = Instant.now();
        Instant deadline = changed.plus(Duration.ofSeconds(5));
        HttpResponse<String> last = probe.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            last = probe.get();
        }
        Duration took = Duration.between(changed, Instant.now());
        System.out.println("Two instances: the " + what + " made through A reached B in " + took.toMillis() + " ms");
        assertTrue(done.test(last), what + " never reached B: " + last.statusCode() + " " + last.body());
        assertTrue(took.compareTo(PROPAGATION_LIMIT) < 0, what + " took " + took.toMillis() + " ms to reach B");
    }

    private static JsonObject registerThroughA(String admin, String id) {
        JsonObject created = json(call(baseA, "POST", "/api/admin/oauth/service/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":\"two instances\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"]}"), 201);
        SuiteSecrets.add(created.getString("client_secret"));
        return created;
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
