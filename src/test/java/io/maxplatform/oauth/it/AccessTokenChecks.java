package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The issued token, checked by an independent verifier against the published JWKS, and the metadata. */
abstract class AccessTokenChecks {

    @Test
    void tokenVerifiesAgainstTheJwksWithEveryClaim() throws Exception {
        JsonObject metadata = json(get("/api/oauth/.well-known/oauth-authorization-server", null));
        String issuer = metadata.getString("issuer");
        HttpResponse<String> tokenResponse = ServerHttp.postToken(ServerHttp.form("grant_type", "client_credentials",
                "client_id", ServerHttp.BOOTSTRAP_ID, "client_secret", ServerHttp.BOOTSTRAP_SECRET,
                "scope", "admin:oauth admin:system"));
        JsonObject response = json(tokenResponse);
        String token = response.getString("access_token");
        JWKSet jwks = JWKSet.parse(get("/api/oauth/jwks", null).body());

        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("maxplatform",
                new JWTClaimsSet.Builder().issuer(issuer).subject(ServerHttp.BOOTSTRAP_ID).build(),
                Set.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope", "groups")));
        JWTClaimsSet claims = verifier.process(token, null);

        assertEquals(ServerHttp.baseUrl() + "/api/oauth", issuer);
        assertEquals(ServerHttp.BOOTSTRAP_ID, claims.getStringClaim("client_id"));
        assertEquals(List.of("maxplatform"), claims.getAudience());
        assertEquals("admin:oauth admin:system", claims.getStringClaim("scope"));
        assertEquals(List.of("admin:oauth", "admin:system"), claims.getStringListClaim("groups"));
        long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertEquals(response.getInt("expires_in"), lifetime);
        assertTrue(Math.abs(claims.getIssueTime().getTime() - System.currentTimeMillis()) < 60_000);
        SignedJWT parsed = SignedJWT.parse(token);
        assertEquals(JOSEObjectType.JWT, parsed.getHeader().getType());
        assertEquals(jwks.getKeys().get(0).getKeyID(), parsed.getHeader().getKeyID());
        assertFalse(claims.toString().contains(ServerHttp.BOOTSTRAP_SECRET));
    }

    @Test
    void everyTokenHasItsOwnRandomJti() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String jti = SignedJWT.parse(ServerHttp.bootstrapToken("admin:oauth")).getJWTClaimsSet().getJWTID();
            assertTrue(jti.length() >= 22, "at least 128 random bits");
            ids.add(jti);
        }
        assertEquals(20, ids.size());
    }

    @Test
    void adminFullGrantsEveryAdminRole() throws Exception {
        TestClients.Registered client = TestClients.register("full", List.of("admin:full"), List.of("admin:full"));

        String token = ServerHttp.token(client.clientId(), client.secret(), "admin:full");
        List<String> groups = SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("groups");

        assertTrue(groups.containsAll(List.of("admin:full", "admin:oauth", "admin:users", "admin:system")), groups.toString());
        assertEquals(200, get("/api/admin/oauth/service/statistics", token).statusCode());
    }

    @Test
    void jwksPublishesOnlyPublicKeyMaterial() {
        HttpResponse<String> response = get("/api/oauth/jwks", null);
        JsonObject key = json(response).getJsonArray("keys").getJsonObject(0);

        assertEquals(200, response.statusCode());
        assertEquals("RSA", key.getString("kty"));
        assertEquals("RS256", key.getString("alg"));
        for (String privateMember : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
            assertFalse(key.containsKey(privateMember), privateMember);
        }
        assertTrue(key.getString("n").length() >= 342, "RSA modulus of at least 2048 bits");
    }

    @Test
    void readinessReportsTheDatabase() {
        HttpResponse<String> ready = ServerHttp.send(ServerHttp.health("/health/ready"));

        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        assertEquals(200, ServerHttp.send(ServerHttp.health("/health/live")).statusCode());
    }

    @Test
    void metadataIsTheSameAtTheGuidePathAndTheRfc8414Path() {
        HttpResponse<String> guide = get("/api/oauth/.well-known/oauth-authorization-server", null);
        HttpResponse<String> rfc8414 = get("/.well-known/oauth-authorization-server/api/oauth", null);
        JsonObject metadata = json(guide);

        assertEquals(200, guide.statusCode());
        assertEquals(guide.body(), rfc8414.body());
        String issuer = metadata.getString("issuer");
        assertEquals(issuer + "/token", metadata.getString("token_endpoint"));
        assertEquals(issuer + "/jwks", metadata.getString("jwks_uri"));
        assertEquals("[\"client_credentials\"]", metadata.getJsonArray("grant_types_supported").toString());
        assertEquals("[\"client_secret_basic\",\"client_secret_post\",\"private_key_jwt\",\"federated_jwt\"]",
                metadata.getJsonArray("token_endpoint_auth_methods_supported").toString());
        assertTrue(metadata.getJsonArray("scopes_supported").toString().contains("\"admin:oauth\""));
        assertNotEquals(-1, metadata.toString().indexOf("manage:*"));
    }
}
