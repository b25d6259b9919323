package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code private_key_jwt} (RFC 7523) at the token, revocation and introspection endpoints: assertions signed
 * by the test with nimbus-jose-jwt, not with the server's code. Every refusal is 401 {@code invalid_client}
 * with its own audit reason; the admin API registers clients with a validated public JWK Set.
 */
abstract class PrivateKeyJwtChecks {

    private final String admin = AdminApi.adminToken();

    /** A client registered through the API with {@code keys}; returns its id. */
    private String registered(String prefix, JWK... keys) {
        String clientId = AdminApi.uniqueId(prefix);
        HttpResponse<String> created = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + clientId
                + "\",\"client_name\":\"Key client\",\"allowed_scopes\":[\"read:profile\",\"admin:oauth\"],"
                + "\"default_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":"
                + ClientKeys.publicJwks(keys) + "}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(json(created).containsKey("client_secret"), "a key client gets no secret");
        return clientId;
    }

    private static HttpResponse<String> token(String assertion, String... pairs) {
        return postToken(ClientKeys.tokenForm(assertion, pairs));
    }

    private static void assertRefused(HttpResponse<String> response, String clientId, String reason) {
        TokenEndpointChecks.assertOAuthError(response, 401, "invalid_client");
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? AND reason = ?"
                + " AND NOT success", clientId, reason), "audited as " + reason);
    }

    @Test
    void assertionsSignedWithRs256Es256AndPs256GetTokens() {
        JWK rsa = ClientKeys.rsa("rsa-1");
        JWK ec = ClientKeys.ec("ec-1");
        String clientId = registered("keys", rsa, ec);

        HttpResponse<String> viaRsa = token(ClientKeys.assertion(rsa, clientId));
        assertEquals(200, viaRsa.statusCode(), viaRsa.body());
        HttpResponse<String> viaEc = token(ClientKeys.assertion(ec, clientId), "client_id", clientId);
        assertEquals(200, viaEc.statusCode(), viaEc.body());
        HttpResponse<String> viaPss = token(ClientKeys.sign(rsa, JWSAlgorithm.PS256, ClientKeys.claims(clientId).build()),
                "scope", "admin:oauth");
        assertEquals(200, viaPss.statusCode(), viaPss.body());
        assertEquals(200, ServerHttp.get(StatisticsChecks.PATH, json(viaPss).getString("access_token")).statusCode());
        assertEquals(3, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? AND action = 'token_issued'",
                clientId));
    }

    /**
     * Python's authlib signs every assertion with iat = now and exp = now + 1 hour, and cannot be told otherwise:
     * accepted while its iat is recent, as Keycloak does since its fix for the same refusal; once, as any other.
     */
    @Test
    void anAssertionOfAnHourWithARecentIatIsAcceptedOnce() throws Exception {
        JWK key = ClientKeys.rsa("k1");
        String clientId = registered("authlib", key);
        long now = System.currentTimeMillis();
        String authlibShaped = ClientKeys.assertion(key, clientId,
                c -> c.issueTime(new Date(now)).expirationTime(new Date(now + 3_600_000)));

        HttpResponse<String> accepted = token(authlibShaped);
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertRefused(token(authlibShaped), clientId, "assertion_replayed");
        // Its replay record lasts as long as the assertion could be accepted: 5 minutes and the skew, not the hour.
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_client_assertions WHERE client_id = ?"
                + " AND expires_at <= now() + interval '6 minutes 1 second'", clientId));
    }

    @Test
    void everyFaultyAssertionIsInvalidClientWithItsOwnReason() throws Exception {
        JWK key = ClientKeys.rsa("k1");
        String clientId = registered("refused", key);
        JWK stranger = ClientKeys.rsa("k1");

        assertRefused(token(ClientKeys.assertion(stranger, clientId)), clientId, "bad_assertion_signature");
        assertRefused(token(ClientKeys.assertion(ClientKeys.rsa("k2"), clientId)), clientId, "unknown_assertion_key");
        assertRefused(token(ClientKeys.assertion(key, clientId, c -> c.audience("https://elsewhere.example/token"))),
                clientId, "assertion_wrong_audience");
        assertRefused(token(ClientKeys.assertion(key, clientId, c -> c.issuer("someone-else"))), clientId,
                "assertion_issuer_mismatch");
        assertRefused(token(ClientKeys.assertion(key, clientId, c -> c.expirationTime(new Date(System.currentTimeMillis() - 120_000)))),
                clientId, "assertion_expired");
        assertRefused(token(ClientKeys.assertion(key, clientId,
                c -> c.issueTime(null).expirationTime(new Date(System.currentTimeMillis() + 3_600_000)))),
                clientId, "assertion_lifetime_too_long");
        assertRefused(token(ClientKeys.assertion(key, clientId, c -> c.issueTime(new Date(System.currentTimeMillis() - 600_000))
                .expirationTime(new Date(System.currentTimeMillis() + 3_000_000)))), clientId, "assertion_too_old");
        assertRefused(token(ClientKeys.assertion(key, clientId, c -> c.jwtID(null))), clientId, "assertion_without_jti");
        assertRefused(token(ClientKeys.assertion(key, clientId, c -> c.issueTime(new Date(System.currentTimeMillis() + 600_000)))),
                clientId, "assertion_not_yet_valid");

        String once = ClientKeys.assertion(key, clientId);
        assertEquals(200, token(once).statusCode());
        assertRefused(token(once), clientId, "assertion_replayed");

        String unsecured = new PlainJWT(ClientKeys.claims(clientId).build()).serialize();
        TokenEndpointChecks.assertOAuthError(token(unsecured), 401, "invalid_client");
        // HS256 keyed with the client's own public key, the classic algorithm confusion.
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                ClientKeys.claims(clientId).build());
        hmac.sign(new MACSigner(key.toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8)));
        assertRefused(token(hmac.serialize()), clientId, "assertion_algorithm_refused");

        assertRefused(token(ClientKeys.assertion(key, clientId), "client_id", "another-client"), "another-client",
                "assertion_client_mismatch");
        assertRefused(postToken(form("grant_type", "client_credentials"), "Authorization", basic(clientId, "a-guessed-secret")),
                clientId, "secret_for_key_client");
    }

    @Test
    void aSecretClientCannotUseAnAssertionNorMixBothMethods() {
        TestClients.Registered secretClient = TestClients.register("secret-only", List.of("read:profile"), List.of("read:profile"));
        JWK key = ClientKeys.rsa("k1");
        assertRefused(token(ClientKeys.assertion(key, secretClient.clientId())), secretClient.clientId(),
                "assertion_for_secret_client");

        HttpResponse<String> both = postToken(ClientKeys.tokenForm(ClientKeys.assertion(key, secretClient.clientId())),
                "Authorization", basic(secretClient.clientId(), secretClient.secret()));
        TokenEndpointChecks.assertOAuthError(both, 400, "invalid_request");
        HttpResponse<String> wrongType = postToken(form("grant_type", "client_credentials", "client_assertion_type",
                "urn:example:other", "client_assertion", ClientKeys.assertion(key, secretClient.clientId())));
        TokenEndpointChecks.assertOAuthError(wrongType, 401, "invalid_client");
    }

    @Test
    void anAssertionAuthenticatesRevocationAndIntrospectionToo() {
        JWK key = ClientKeys.ec("ec");
        String clientId = registered("key-revoke", key);
        String token = json(token(ClientKeys.assertion(key, clientId))).getString("access_token");

        HttpResponse<String> introspected = ServerHttp.postOAuth("introspect", form("token", token,
                "client_assertion_type", ClientKeys.ASSERTION_TYPE, "client_assertion", ClientKeys.assertion(key, clientId,
                        c -> c.audience(ServerHttp.baseUrl() + "/api/oauth/introspect"))), null);
        assertEquals(200, introspected.statusCode(), introspected.body());
        assertTrue(json(introspected).getBoolean("active"));

        HttpResponse<String> revoked = ServerHttp.postOAuth("revoke", form("token", token,
                "client_assertion_type", ClientKeys.ASSERTION_TYPE, "client_assertion", ClientKeys.assertion(key, clientId,
                        c -> c.audience(ServerHttp.baseUrl() + "/api/oauth"))), null);
        assertEquals(200, revoked.statusCode(), revoked.body());
    }

    @Test
    void theAdminApiChecksTheJwksAndReplacingItRotatesTheClientsKeys() throws Exception {
        JWK first = ClientKeys.rsa("first");
        String clientId = registered("key-rotation", first);
        JsonObject view = json(AdminApi.call("GET", "/clients/" + clientId, admin, null));
        assertEquals("private_key_jwt", view.getString("token_endpoint_auth_method"));
        assertEquals("first", view.getJsonObject("jwks").getJsonArray("keys").getJsonObject(0).getString("kid"));
        assertFalse(view.getJsonObject("jwks").toString().contains("\"d\""), "public members only");

        JWK second = ClientKeys.ec("second");
        HttpResponse<String> replaced = AdminApi.call("PATCH", "/clients/" + clientId, admin, "{\"jwks\":"
                + ClientKeys.publicJwks(second) + ",\"version\":" + view.getJsonNumber("version").longValue() + "}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertRefused(token(ClientKeys.assertion(first, clientId)), clientId, "unknown_assertion_key");
        assertEquals(200, token(ClientKeys.assertion(second, clientId)).statusCode());

        String tooSmall = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(1024, true).keyID("small").generate().toPublicJWK().toJSONString();
        Map<String, String> refusals = Map.of(
                "{\"keys\":[" + ClientKeys.rsa("private").toJSONString() + "]}", "public keys only",
                "{\"keys\":[" + first.toPublicJWK().toJSONString() + "," + first.toPublicJWK().toJSONString() + "]}", "repeats the kid",
                "{\"keys\":[" + tooSmall + "]}", "2048",
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0\"}]}", "RSA or EC",
                "{\"keys\":[" + ClientKeys.rsa(null).toPublicJWK().toJSONString() + "]}", "kid",
                "{\"keys\":[]}", "1 to 10",
                "{\"not\":\"a set\"}", "JWK Set");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            HttpResponse<String> refused = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("bad-jwks")
                    + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":"
                    + "\"private_key_jwt\",\"jwks\":" + refusal.getKey() + "}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(json(refused).getString("detail").contains(refusal.getValue()), refused.body());
        }
        HttpResponse<String> noKeys = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("no-jwks")
                + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}");
        assertEquals(400, noKeys.statusCode(), noKeys.body());
        HttpResponse<String> keysForSecret = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("mixed")
                + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"jwks\":" + ClientKeys.publicJwks(second) + "}");
        assertEquals(400, keysForSecret.statusCode(), keysForSecret.body());
        HttpResponse<String> unknownMethod = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("method")
                + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":\"none\"}");
        assertEquals(400, unknownMethod.statusCode(), unknownMethod.body());
    }

    @Test
    void movingToKeysEndsEverySecretAndMovingBackNeedsANewOne() {
        String clientId = AdminApi.uniqueId("switch");
        JsonObject created = AdminApi.create(admin, clientId, "[\"read:profile\"]", "[\"read:profile\"]");
        String secret = created.getString("client_secret");
        SuiteSecrets.add(secret);
        HttpResponse<String> graced = AdminApi.call("POST", "/clients/" + clientId + "/regenerate-secret?grace_seconds=600", admin, null);
        String current = json(graced).getString("client_secret");
        SuiteSecrets.add(current);
        JWK key = ClientKeys.ec("switch-1");

        HttpResponse<String> toKeys = AdminApi.call("PATCH", "/clients/" + clientId, admin, "{\"token_endpoint_auth_method\":"
                + "\"private_key_jwt\",\"jwks\":" + ClientKeys.publicJwks(key) + ",\"version\":" + version(clientId) + "}");
        assertEquals(200, toKeys.statusCode(), toKeys.body());
        for (String old : List.of(secret, current)) {
            TokenEndpointChecks.assertOAuthError(postToken(form("grant_type", "client_credentials"), "Authorization",
                    basic(clientId, old)), 401, "invalid_client");
        }
        assertEquals(2, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ?"
                + " AND reason = 'secret_for_key_client'", clientId));
        String tokenWithKey = json(token(ClientKeys.assertion(key, clientId))).getString("access_token");
        assertEquals(0, TestClients.count("SELECT COUNT(*) FROM oauth_client_secrets WHERE client_id = ?"
                + " AND (expires_at IS NULL OR expires_at > now())", clientId), "no secret lives on");

        HttpResponse<String> back = AdminApi.call("PATCH", "/clients/" + clientId, admin,
                "{\"token_endpoint_auth_method\":\"client_secret_basic\",\"version\":" + version(clientId) + "}");
        assertEquals(409, back.statusCode(), "a new secret first: " + back.body());
        HttpResponse<String> fresh = AdminApi.call("POST", "/clients/" + clientId + "/regenerate-secret", admin, null);
        assertEquals(200, fresh.statusCode(), fresh.body());
        SuiteSecrets.add(json(fresh).getString("client_secret"));
        assertEquals(200, AdminApi.call("PATCH", "/clients/" + clientId, admin,
                "{\"token_endpoint_auth_method\":\"client_secret_basic\",\"version\":" + version(clientId) + "}").statusCode());
        assertEquals(200, postToken(form("grant_type", "client_credentials"), "Authorization",
                basic(clientId, json(fresh).getString("client_secret"))).statusCode());
        assertTrue(json(ServerHttp.postOAuth("introspect", form("token", tokenWithKey),
                basic(clientId, json(fresh).getString("client_secret")))).getBoolean("active"),
                "changing method is not a leak: the tokens stay");
        assertRefused(token(ClientKeys.assertion(key, clientId)), clientId, "assertion_for_secret_client");
    }

    private long version(String clientId) {
        return json(AdminApi.call("GET", "/clients/" + clientId, admin, null)).getJsonNumber("version").longValue();
    }

    @Test
    void anRsaModulusPaddedWithZeroBytesIsMeasuredByItsRealLength() throws Exception {
        com.nimbusds.jose.jwk.RSAKey small = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(1024, true).keyID("padded").generate();
        byte[] modulus = small.getModulus().decode();
        byte[] padded = new byte[256];
        System.arraycopy(modulus, 0, padded, 256 - modulus.length, modulus.length);
        String jwk = "{\"kty\":\"RSA\",\"kid\":\"padded\",\"e\":\"" + small.getPublicExponent() + "\",\"n\":\""
                + com.nimbusds.jose.util.Base64URL.encode(padded) + "\"}";
        HttpResponse<String> refused = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("padded")
                + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":"
                + "\"private_key_jwt\",\"jwks\":{\"keys\":[" + jwk + "]}}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(json(refused).getString("detail").contains("2048"), refused.body());
    }

    @Test
    void unreadableAssertionsCountTowardsTheThrottleLikeWrongSecrets() {
        String address = "192.0.2." + (200 + (int) (System.nanoTime() % 50));
        String body = form("grant_type", "client_credentials", "client_id", AdminApi.uniqueId("unreadable"),
                "client_assertion_type", ClientKeys.ASSERTION_TYPE, "client_assertion", "not.a.jwt");
        for (int i = 0; i < 20; i++) {
            TokenEndpointChecks.assertOAuthError(postToken(body, "X-Forwarded-For", address), 401, "invalid_client");
        }
        assertEquals(429, postToken(body, "X-Forwarded-For", address).statusCode());
    }

    @Test
    void theMetadataListsTheMethodsAndAlgorithms() {
        JsonObject metadata = json(ServerHttp.get("/api/oauth/.well-known/oauth-authorization-server", null));
        assertEquals(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "federated_jwt"),
                metadata.getJsonArray("token_endpoint_auth_methods_supported").getValuesAs(jakarta.json.JsonString.class)
                        .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(List.of("RS256", "PS256", "ES256"),
                metadata.getJsonArray("token_endpoint_auth_signing_alg_values_supported").getValuesAs(jakarta.json.JsonString.class)
                        .stream().map(jakarta.json.JsonString::getString).toList());
    }
}
