package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.key.ServerKeyForTests;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/oauth/service/statistics}: real figures for {@code admin:oauth}, 401 for any token
 * the server must not accept, 403 for a token without the scope, each in the guide's JSON shape.
 */
abstract class StatisticsChecks {

    static final String PATH = "/api/admin/oauth/service/statistics";
    /** How many clients and scopes the statistics list (the most tokens first). */
    static final int TOP_CLIENTS = 20;

    @Test
    void adminOauthTokenReadsRealFigures() {
        String token = ServerHttp.bootstrapToken("admin:oauth");

        HttpResponse<String> response = get(PATH, token);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject stats = json(response);
        assertEquals(TestClients.count("SELECT COUNT(*) FROM oauth_clients WHERE deleted_at IS NULL"), stats.getJsonNumber("total_clients").longValue());
        assertEquals(TestClients.count("SELECT COUNT(*) FROM oauth_clients WHERE is_active AND deleted_at IS NULL"),
                stats.getJsonNumber("active_clients").longValue());
        assertEquals(TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_issued'"),
                stats.getJsonNumber("tokens_issued_total").longValue());
        assertTrue(stats.getJsonNumber("tokens_issued_24h").longValue() >= 1);
        assertTrue(stats.containsKey("failed_authentications_24h"));
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = get(PATH, null);

        assertInvalidToken(response);
        assertEquals("Bearer realm=\"maxplatform\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void basicCredentialsAreNotAToken() {
        HttpResponse<String> response = ServerHttp.send(ServerHttp.request(PATH)
                .header("Authorization", ServerHttp.basic(ServerHttp.BOOTSTRAP_ID, ServerHttp.BOOTSTRAP_SECRET)).GET());

        assertEquals(401, response.statusCode());
        assertEquals("Could not validate service credentials", json(response).getString("detail"));
    }

    @Test
    void tokenWithoutTheScopeIs403NamingIt() {
        String token = ServerHttp.bootstrapToken("admin:users admin:system");

        HttpResponse<String> response = get(PATH, token);

        assertEquals(403, response.statusCode(), response.body());
        assertEquals("{\"detail\":\"Missing required scopes: admin:oauth\"}", response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));
    }

    @Test
    void garbageIsRefused() {
        assertInvalidToken(get(PATH, "not-a-jwt"));
        assertInvalidToken(get(PATH, "a.b.c"));
    }

    @Test
    void tamperedScopeIsRefused() throws Exception {
        String[] parts = ServerHttp.bootstrapToken("admin:users").split("\\.");
        JWTClaimsSet claims = SignedJWT.parse(String.join(".", parts)).getJWTClaimsSet();
        JWTClaimsSet escalated = new JWTClaimsSet.Builder(claims).claim("groups", List.of("admin:oauth")).build();
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(escalated.toString().getBytes(StandardCharsets.UTF_8));

        assertInvalidToken(get(PATH, parts[0] + "." + payload + "." + parts[2]));
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past))))));
    }

    @Test
    void foreignIssuerOrAudienceIsRefusedThoughSignedByTheServersKey() {
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.issuer("https://elsewhere.example/api/oauth")))));
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.issuer(ServerHttp.baseUrl() + "/api/oauth/")))));
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.audience("another-service")))));
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b.audience((String) null)))));
    }

    @Test
    void aTokenTypedOtherThanJwtIsRefusedThoughSignedByTheServersKey() {
        // The same on every server: Payara's MicroProfile JWT checks typ, WildFly's does not (AccessTokenVerifier does).
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b), new JOSEObjectType("at+jwt"))));
        assertInvalidToken(get(PATH, ServerKeyForTests.sign(claims(b -> b), null)));
    }

    @Test
    void theServersKeyAcceptsAWellFormedToken() {
        // The control for the two tests above: the same claims, unaltered, are accepted.
        assertEquals(200, get(PATH, ServerKeyForTests.sign(claims(b -> b))).statusCode());
    }

    @Test
    void unsignedAndForeignlySignedTokensAreRefused() throws Exception {
        assertInvalidToken(get(PATH, new PlainJWT(claims(b -> b)).serialize()));

        SignedJWT foreign = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(b -> b));
        foreign.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        assertInvalidToken(get(PATH, foreign.serialize()));

        // Key confusion (RFC 8725 §3.1): HS256 keyed with the server's public key.
        byte[] publicKey = ServerKeyForTests.activeKey().toRSAKey().toPublicKey().getEncoded();
        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(b -> b));
        confused.sign(new MACSigner(publicKey));
        assertInvalidToken(get(PATH, confused.serialize()));
    }

    static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ServerHttp.baseUrl() + "/api/oauth")
                .subject(ServerHttp.BOOTSTRAP_ID)
                .audience("maxplatform")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID("test-" + now.toEpochMilli())
                .claim("client_id", ServerHttp.BOOTSTRAP_ID)
                .claim("upn", ServerHttp.BOOTSTRAP_ID)
                .claim("scope", "admin:oauth")
                .claim("groups", List.of("admin:oauth"));
        return change.apply(builder).build();
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{\"detail\":\"Could not validate service credentials\"}", response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

}
