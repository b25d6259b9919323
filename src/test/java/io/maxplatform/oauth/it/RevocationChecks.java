package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /api/oauth/revoke} (RFC 7009) and {@code POST /api/oauth/introspect} (RFC 7662). */
abstract class RevocationChecks {

    private static HttpResponse<String> post(String endpoint, String body, String authorization) {
        return ServerHttp.postOAuth(endpoint, body, authorization);
    }

    private static JsonObject introspect(String token) {
        HttpResponse<String> response = post("introspect", form("token", token), basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return json(response);
    }

    @Test
    void introspectionDescribesAnActiveToken() {
        String token = ServerHttp.bootstrapToken("admin:oauth admin:users");

        JsonObject description = introspect(token);

        assertTrue(description.getBoolean("active"));
        assertEquals("admin:oauth admin:users", description.getString("scope"));
        assertEquals(BOOTSTRAP_ID, description.getString("client_id"));
        assertEquals("maxplatform", description.getString("aud"));
        assertEquals("Bearer", description.getString("token_type"));
        assertFalse(introspect("not.a.token").getBoolean("active"));
        assertEquals("{\"active\":false}", post("introspect", form("token", "x"), basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET)).body());
    }

    @Test
    void aRevokedTokenIsInactiveAndRefusedByTheAdminApi() {
        String token = ServerHttp.bootstrapToken("admin:oauth");
        assertEquals(200, ServerHttp.get(StatisticsChecks.PATH, token).statusCode());

        HttpResponse<String> revocation = post("revoke", form("token", token, "token_type_hint", "access_token"),
                basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET));

        assertEquals(200, revocation.statusCode(), revocation.body());
        assertFalse(introspect(token).getBoolean("active"));
        StatisticsChecks.assertInvalidToken(ServerHttp.get(StatisticsChecks.PATH, token));
        assertEquals(200, post("revoke", form("token", token), basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET)).statusCode(),
                "revoking twice succeeds");
        assertEquals(200, ServerHttp.get(StatisticsChecks.PATH, ServerHttp.bootstrapToken("admin:oauth")).statusCode(),
                "other tokens of the client still work");
        for (String disguised : List.of("/api;x=1/admin/oauth/service/statistics", "/api/admin;y/oauth/service/statistics")) {
            assertEquals(401, ServerHttp.get(disguised, token).statusCode(), disguised);
        }
    }

    @Test
    void revocationsAndIntrospectionsAreAudited() throws Exception {
        String token = ServerHttp.bootstrapToken("admin:oauth");
        String jti = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getJWTID();

        introspect(token);
        post("revoke", form("token", token), basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET));
        TestClients.Registered other = TestClients.register("introspect-wrong", List.of("read:profile"), List.of());
        post("introspect", form("token", token), basic(other.clientId(), "wrong"));

        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_introspected'"
                + " AND success AND token_id = ? AND detail = 'active=true'", jti));
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_revoked'"
                + " AND success AND token_id = ?", jti));
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_revoked_tokens WHERE token_id = ?", jti));
        assertTrue(TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_introspected'"
                + " AND NOT success AND reason = 'bad_secret' AND client_id = ?", other.clientId()) >= 1);
    }

    @Test
    void onlyTheOwningClientMayRevoke() {
        TestClients.Registered other = TestClients.register("other", List.of("read:profile"), List.of("read:profile"));
        String token = ServerHttp.bootstrapToken("admin:oauth");

        HttpResponse<String> refused = post("revoke", form("token", token), basic(other.clientId(), other.secret()));

        TokenEndpointChecks.assertOAuthError(refused, 400, "unauthorized_client");
        assertTrue(introspect(token).getBoolean("active"));
    }

    @Test
    void anInvalidTokenIsAcceptedAsRevoked() {
        assertEquals(200, post("revoke", form("token", "garbage"), basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET)).statusCode());
    }

    @Test
    void bothEndpointsNeedClientAuthenticationAndAToken() {
        String token = ServerHttp.bootstrapToken("admin:oauth");
        TestClients.Registered other = TestClients.register("revoke-wrong", List.of("read:profile"), List.of());
        for (String endpoint : List.of("revoke", "introspect")) {
            TokenEndpointChecks.assertOAuthError(post(endpoint, form("token", token), null), 401, "invalid_client");
            TokenEndpointChecks.assertOAuthError(post(endpoint, form("token", token), basic(other.clientId(), "wrong")),
                    401, "invalid_client");
            TokenEndpointChecks.assertOAuthError(post(endpoint, "", basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET)), 400, "invalid_request");
            TokenEndpointChecks.assertOAuthError(post(endpoint, form("token", token, "token", token),
                    basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET)), 400, "invalid_request");
        }
        assertTrue(introspect(token).getBoolean("active"));
    }

    @Test
    void theMetadataListsBothEndpoints() {
        JsonObject metadata = json(ServerHttp.get("/api/oauth/.well-known/oauth-authorization-server", null));

        assertEquals(metadata.getString("issuer") + "/revoke", metadata.getString("revocation_endpoint"));
        assertEquals(metadata.getString("issuer") + "/introspect", metadata.getString("introspection_endpoint"));
    }
}
