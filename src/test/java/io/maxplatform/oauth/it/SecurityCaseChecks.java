package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static io.maxplatform.oauth.it.StatisticsChecks.PATH;
import static io.maxplatform.oauth.it.StatisticsChecks.assertInvalidToken;
import static io.maxplatform.oauth.it.StatisticsChecks.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.key.ServerKeyForTests;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The security cases not pinned elsewhere, each named by its id. The security guide (src/site/markdown/security.md)
 * lists where every case is tested, or why it does not apply.
 */
abstract class SecurityCaseChecks {

    private static String signedWith(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void a12AClientNotAllowedTheGrantIsUnauthorizedClient() throws Exception {
        TestClients.Registered client = TestClients.register("no-grant", List.of("read:profile"), List.of("read:profile"));
        try (Connection c = TestDatabase.connect();
             PreparedStatement update = c.prepareStatement("UPDATE oauth_clients SET grant_types = '{}' WHERE client_id = ?")) {
            update.setString(1, client.clientId());
            update.executeUpdate();
        }
        TokenEndpointChecks.assertOAuthError(postToken(form("grant_type", "client_credentials"),
                "Authorization", basic(client.clientId(), client.secret())), 400, "unauthorized_client");
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotAServerError() {
        HttpResponse<String> answer = get("/errors/container", null);

        assertEquals(404, answer.statusCode(), answer.body());
        assertTrue(json(answer).containsKey("detail"));
    }

    @Test
    void b7UnknownParametersAreIgnored() throws Exception {
        TestClients.Registered client = TestClients.register("b7", List.of("read:profile"), List.of("read:profile"));
        HttpResponse<String> issued = postToken("grant_type=client_credentials&foo=bar&audience%5B%5D=x",
                "Authorization", basic(client.clientId(), client.secret()));

        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals(List.of("maxplatform"),
                SignedJWT.parse(json(issued).getString("access_token")).getJWTClaimsSet().getAudience());
    }

    @Test
    void d6TokensMissingARequiredClaimAreRefused() {
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.expirationTime(null)))));
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.subject(null).claim("upn", null)))));
    }

    @Test
    void d7AndI10TokensNotYetValidAreRefused() {
        Instant now = Instant.now();
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.notBeforeTime(Date.from(now.plusSeconds(3600)))))));
        // Issued an hour ahead: a clock that far off is not skew.
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.issueTime(Date.from(now.plusSeconds(3600)))
                .expirationTime(Date.from(now.plusSeconds(7200)))))));
    }

    @Test
    void d11AbusiveKeyIdsAreRefused() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).generate();
        for (String kid : List.of("../../etc/passwd", "' OR '1'='1", "k".repeat(5000), "unknown-kid")) {
            int status = get(PATH, signedWith(foreign, kid, claims(b -> b))).statusCode();
            assertTrue(status == 401 || status == 400 || status == 431, kid.substring(0, Math.min(10, kid.length())) + ": " + status);
        }
    }

    @Test
    void d12AKeyEmbeddedInTheHeaderIsNotTrusted() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .jwk(attacker.toPublicJWK()).jwkURL(URI.create("http://127.0.0.1:9/jwks")).build(), claims(b -> b));
        jwt.sign(new RSASSASigner(attacker));

        assertInvalidToken(get(PATH, jwt.serialize()));
    }

    @Test
    void d15AndE6TheTokenCountsOnlyInTheAuthorizationHeader() {
        String token = ServerHttp.bootstrapToken("admin:oauth");

        assertEquals(401, get(PATH + "?access_token=" + token, null).statusCode());
        HttpResponse<String> cookie = ServerHttp.send(ServerHttp.request(PATH).header("Cookie", "access_token=" + token).GET());
        assertEquals(401, cookie.statusCode());
        assertFalse(cookie.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "no CORS");
    }

    @Test
    void d18AnOversizedAuthorizationHeaderIsRefusedAndTheServerStaysUp() {
        int status = get(PATH, "a".repeat(64 * 1024)).statusCode();
        assertTrue(status == 400 || status == 401 || status == 413 || status == 431, "refused: " + status);
        assertEquals(200, ServerHttp.send(ServerHttp.health("/health/live")).statusCode());
    }

    @Test
    void g4ControlCharactersAndOverlongIdsAreStoredEscapedAndBounded() {
        String forged = "evil\r\n[INFO] forged line \u001b[31m" + "x".repeat(100_000);
        postToken(form("grant_type", "client_credentials", "client_id", forged.substring(0, 60), "client_secret", "x"));
        postToken("grant_type=client_credentials&client_id=" + "y".repeat(12_000) + "&client_secret=x");

        assertTrue(TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id LIKE 'evil\\\\u000d\\\\u000a%'") >= 1,
                "CR and LF stored escaped");
        assertEquals(0, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id ~ '[\\r\\n\\x1b]'"));
        assertEquals(0, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE length(client_id) > 200"));
    }

    @Test
    void j4UnicodeLookalikeClientIdsAreInvalidClient() {
        for (String id : List.of("m\u0430xplatform-service", "maxplatform\uFF0Dservice", "maxplatforme\u0301-service")) {
            TokenEndpointChecks.assertOAuthError(postToken(form("grant_type", "client_credentials", "client_id", id,
                    "client_secret", ServerHttp.BOOTSTRAP_SECRET)), 401, "invalid_client");
        }
    }

    @Test
    void j8AndJ9InputIsNeverReflectedIntoHeadersAndAlwaysJsonEscaped() {
        String admin = AdminApi.adminToken();
        HttpResponse<String> crlf = AdminApi.call("POST", "/clients", admin,
                "{\"client_id\":\"a\\r\\nSet-Cookie: x=1\",\"client_name\":\"n\",\"allowed_scopes\":[\"read:profile\"]}");
        assertEquals(400, crlf.statusCode(), crlf.body());
        assertFalse(crlf.headers().map().containsKey("set-cookie"));

        String id = AdminApi.uniqueId("j9");
        String name = "q\" </script> \u2028 \\ end";
        HttpResponse<String> created = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":" + jakarta.json.Json.createValue(name) + ",\"allowed_scopes\":[\"read:profile\"]}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject read = json(AdminApi.call("GET", "/clients/" + id, admin, null));
        assertEquals(name, read.getString("client_name"), "escaped in JSON and read back exactly");
    }

    @Test
    void f5TokenRequestsRacingASecretRotationGetOnly200Or401() throws Exception {
        String admin = AdminApi.adminToken();
        String id = AdminApi.uniqueId("f5");
        String secret = AdminApi.create(admin, id, "[\"read:profile\"]", "[\"read:profile\"]").getString("client_secret");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String address = "198.19.0." + (i % 200 + 1);
                answers.add(pool.submit(() -> postToken(form("grant_type", "client_credentials"),
                        "Authorization", basic(id, secret), "X-Forwarded-For", address).statusCode()));
                if (i == 100) {
                    assertEquals(200, AdminApi.call("POST", "/clients/" + id + "/regenerate-secret", admin, null).statusCode());
                }
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 200 || status == 401, "only 200 or 401: " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(401, postToken(form("grant_type", "client_credentials"), "Authorization", basic(id, secret)).statusCode());
    }

    @Test
    void g6ConcurrentTokenRequestsEachLeaveExactlyOneRow() throws Exception {
        TestClients.Registered client = TestClients.register("g6", List.of("read:profile"), List.of("read:profile"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                answers.add(pool.submit(() -> postToken(form("grant_type", "client_credentials"),
                        "Authorization", basic(client.clientId(), client.secret()))));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertEquals(200, answer.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND client_id = ?",
                client.clientId()));
        assertEquals(400, TestClients.count("SELECT COUNT(DISTINCT token_id) FROM oauth_audit_logs WHERE action = 'token_issued' "
                + "AND client_id = ?", client.clientId()));
    }
}
