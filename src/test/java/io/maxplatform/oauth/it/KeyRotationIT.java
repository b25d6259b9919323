package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing-key rotation on a server whose verifiers cache the JWKS for 2 s (its own MicroProfile JWT among
 * them): a planned rotation keeps every token valid across the switch-over, the old key leaves once its
 * tokens have expired (time moved on in the database), an emergency rotation withdraws every key at once,
 * and the schedule rotates a key that has signed for the rotation period. One story, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {

    private static final String KEYS = "/api/admin/system/keys";
    private static final String PROTECTED = StatisticsChecks.PATH;

    private static String tokenBeforeRotation;
    private static String tokenAfterRotation;
    private static String firstKid;
    private static String secondKid;

    @Deployment(testable = false)
    @TargetsContainer("key-rotation")
    static WebArchive war() {
        return ServerIT.builtWar();
    }

    private static String systemToken() {
        return ServerHttp.bootstrapToken("admin:system");
    }

    private static HttpResponse<String> keysCall(String method, String path, String token) {
        return ServerHttp.send(ServerHttp.request(KEYS + path).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));
    }

    private static List<JsonObject> keys() {
        HttpResponse<String> listed = keysCall("GET", "", systemToken());
        assertEquals(200, listed.statusCode(), listed.body());
        return json(listed).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static JsonObject key(String kid) {
        return keys().stream().filter(k -> k.getString("kid").equals(kid)).findFirst().orElseThrow();
    }

    private static List<String> jwksKids() {
        HttpResponse<String> jwks = get("/api/oauth/jwks", null);
        return json(jwks).getJsonArray("keys").getValuesAs(JsonObject.class).stream().map(k -> k.getString("kid")).toList();
    }

    static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return jakarta.json.Json.createReader(new java.io.StringReader(header)).readObject().getString("kid");
    }

    private static boolean introspectsActive(String token) {
        HttpResponse<String> answer = ServerHttp.postOAuth("introspect", form("token", token),
                basic(ServerHttp.BOOTSTRAP_ID, ServerHttp.BOOTSTRAP_SECRET));
        return json(answer).getBoolean("active");
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + seconds + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void moveTimes(String sql, String kid) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, kid);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    @Order(1)
    void aPlannedRotationKeepsEveryTokenValid() throws Exception {
        tokenBeforeRotation = ServerHttp.bootstrapToken("admin:oauth");
        firstKid = kid(tokenBeforeRotation);
        assertEquals(200, get(PROTECTED, tokenBeforeRotation).statusCode());

        HttpResponse<String> rotated = keysCall("POST", "/rotate", systemToken());
        assertEquals(200, rotated.statusCode(), rotated.body());
        JsonObject next = json(rotated).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(k -> k.getString("state").equals("next")).findFirst().orElseThrow();
        secondKid = next.getString("kid");
        assertTrue(jwksKids().containsAll(List.of(firstKid, secondKid)), "the next key is published at once");
        assertEquals(firstKid, kid(ServerHttp.bootstrapToken("admin:oauth")), "and does not sign yet");
        assertEquals(409, keysCall("POST", "/rotate", systemToken()).statusCode(), "one rotation at a time");

        await("the new key signs", 30, () -> kid(ServerHttp.bootstrapToken("admin:oauth")).equals(secondKid));
        tokenAfterRotation = ServerHttp.bootstrapToken("admin:oauth");

        // Published 14 s before its first token, the new key is in this server's cached JWKS already.
        assertEquals(200, get(PROTECTED, tokenAfterRotation).statusCode());
        assertEquals(200, get(PROTECTED, tokenBeforeRotation).statusCode());
        assertTrue(introspectsActive(tokenBeforeRotation));
        assertTrue(introspectsActive(tokenAfterRotation));
        assertEquals("retired", key(firstKid).getString("state"));
        assertEquals("active", key(secondKid).getString("state"));
        assertTrue(jwksKids().containsAll(List.of(firstKid, secondKid)));
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_signing_key_rotated'"
                + " AND target = ? AND success AND client_id = ?", secondKid, ServerHttp.BOOTSTRAP_ID));
    }

    @Test
    @Order(2)
    void theOldKeyLeavesOnceItsLongestLivedTokenHasExpired() throws Exception {
        // A day and more later: the first key retired longer ago than its tokens may live, plus the leeway.
        moveTimes("UPDATE oauth_signing_keys SET retired_at = now() - make_interval(secs => longest_token_lifetime_seconds + 121),"
                + " activates_at = now() - make_interval(secs => longest_token_lifetime_seconds + 200),"
                + " created_at = now() - make_interval(secs => longest_token_lifetime_seconds + 300) WHERE kid = ?", firstKid);

        await("the old key leaves the JWKS", 10, () -> !jwksKids().contains(firstKid));
        StatisticsChecks.assertInvalidToken(get(PROTECTED, tokenBeforeRotation));
        assertFalse(introspectsActive(tokenBeforeRotation));
        assertEquals(200, get(PROTECTED, tokenAfterRotation).statusCode());
        await("the clean-up removes it", 10, () -> TestClients.count(
                "SELECT COUNT(*) FROM oauth_signing_keys WHERE kid = ?", firstKid) == 0);
    }

    @Test
    @Order(3)
    void anEmergencyRotationWithdrawsEveryKeyAtOnce() throws Exception {
        // Introspection runs on four threads throughout: none that begins after the rotation answered may still
        // accept the withdrawn key (the key set and the key ids it is checked against are one snapshot).
        record Introspected(long startedNanos, boolean active) {
        }
        Queue<Introspected> introspected = new ConcurrentLinkedQueue<>();
        AtomicBoolean introspecting = new AtomicBoolean(true);
        ExecutorService introspectors = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            introspectors.submit(() -> {
                while (introspecting.get()) {
                    long started = System.nanoTime();
                    introspected.add(new Introspected(started, introspectsActive(tokenAfterRotation)));
                }
            });
        }
        await("introspection runs", 10, () -> introspected.size() >= 8);
        HttpResponse<String> rotated = keysCall("POST", "/rotate?emergency=true", systemToken());
        long rotationAnswered = System.nanoTime();
        await("introspection ran after the rotation", 10,
                () -> introspected.stream().filter(i -> i.startedNanos() > rotationAnswered).count() >= 8);
        introspecting.set(false);
        introspectors.shutdown();
        assertTrue(introspectors.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertTrue(introspected.stream().anyMatch(i -> i.startedNanos() < rotationAnswered && i.active()),
                "active before the rotation");
        assertEquals(List.of(), introspected.stream().filter(i -> i.startedNanos() > rotationAnswered && i.active()).toList(),
                "accepted after the rotation answered");
        List<JsonObject> after = json(rotated).getJsonArray("items").getValuesAs(JsonObject.class);
        String thirdKid = after.stream().filter(k -> k.getString("state").equals("active")).findFirst().orElseThrow()
                .getString("kid");
        // Read from the answer: the clean-up deletes a withdrawn key at its next round.
        assertEquals("withdrawn", after.stream().filter(k -> k.getString("kid").equals(secondKid)).findFirst().orElseThrow()
                .getString("state"));

        assertEquals(List.of(thirdKid), jwksKids());
        // This server refuses the withdrawn key's tokens at once, although its MicroProfile JWT still caches it.
        StatisticsChecks.assertInvalidToken(get(PROTECTED, tokenAfterRotation));
        assertFalse(introspectsActive(tokenAfterRotation));
        String fresh = ServerHttp.bootstrapToken("admin:oauth");
        assertEquals(thirdKid, kid(fresh));
        assertTrue(introspectsActive(fresh));
        // Its MicroProfile JWT learns the new key when its cached JWKS expires (2 s here): what any resource
        // server sees after an emergency rotation, for up to JWKS_MAX_AGE_SECONDS.
        Instant rotatedAt = Instant.now();
        await("the new key is accepted", 10, () -> get(PROTECTED, fresh).statusCode() == 200);
        System.out.println("After an emergency rotation the admin API accepted the new key after "
                + java.time.Duration.between(rotatedAt, Instant.now()).toMillis() + " ms (JWKS max-age 2 s)");
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_signing_key_rotated'"
                + " AND target = ? AND detail LIKE 'emergency%'", thirdKid));
    }

    @Test
    @Order(4)
    void theScheduleRotatesAKeyThatHasSignedForTheRotationPeriod() throws Exception {
        String signing = kid(ServerHttp.bootstrapToken("admin:oauth"));
        moveTimes("UPDATE oauth_signing_keys SET activates_at = now() - interval '25 hours',"
                + " created_at = now() - interval '25 hours' WHERE kid = ?", signing);

        await("the schedule publishes a next key", 15, () -> keys().stream().anyMatch(k -> k.getString("state").equals("next")));
        String scheduled = keys().stream().filter(k -> k.getString("state").equals("next")).findFirst().orElseThrow()
                .getString("kid");
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'signing_key_rotated'"
                + " AND target = ? AND client_id IS NULL AND success", scheduled));
        // A planned rotation: the signing key retires exactly when the scheduled one starts to sign.
        assertEquals(key(scheduled).getString("activates_at"), key(signing).getString("retired_at"));
        assertEquals("active", key(signing).getString("state"));
    }

    @Test
    @Order(5)
    void theKeysAreForAdminSystemAndShowNoPrivatePart() {
        assertEquals(403, keysCall("GET", "", ServerHttp.bootstrapToken("admin:oauth")).statusCode());
        assertEquals(403, keysCall("POST", "/rotate", ServerHttp.bootstrapToken("admin:oauth")).statusCode());
        assertEquals(400, keysCall("POST", "/rotate?emergency=yes", systemToken()).statusCode());
        for (JsonObject key : keys()) {
            JsonObject jwk = key.getJsonObject("public_jwk");
            for (String privateMember : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
                assertFalse(jwk.containsKey(privateMember), key.toString());
            }
        }
    }
}
