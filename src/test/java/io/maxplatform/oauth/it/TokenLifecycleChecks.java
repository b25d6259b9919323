package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.StatisticsChecks.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tokens die with their client: deactivation, deletion, secret regeneration and revoke-all kill every token
 * the client holds, narrowing its scopes kills the tokens that carry a removed one, and an administrator
 * may revoke any single token. Refused from the next request on at the admin API and inactive in
 * introspection (asked by a resource server allowed introspect:tokens).
 */
abstract class TokenLifecycleChecks {

    private final String admin = AdminApi.adminToken();
    private final TestClients.Registered resourceServer =
            TestClients.register("rs-lifecycle", List.of("introspect:tokens"), List.of());

    private boolean active(String token) {
        HttpResponse<String> answer = ServerHttp.postOAuth("introspect", form("token", token),
                basic(resourceServer.clientId(), resourceServer.secret()));
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer).getBoolean("active");
    }

    /** The token works at the admin API and introspects active: the control for each refusal below. */
    private void assertAlive(String token) {
        assertEquals(200, get(PATH, token).statusCode());
        assertTrue(active(token));
    }

    private void assertDead(String token) {
        StatisticsChecks.assertInvalidToken(get(PATH, token));
        assertFalse(active(token));
    }

    private static TestClients.Registered adminClient(String prefix) {
        return TestClients.register(prefix, List.of("admin:oauth", "read:profile"), List.of("admin:oauth"));
    }

    private long version(String clientId) {
        return json(AdminApi.call("GET", "/clients/" + clientId, admin, null)).getJsonNumber("version").longValue();
    }

    @Test
    void deactivationKillsTheClientsTokens() {
        TestClients.Registered client = adminClient("deactivated");
        String token = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        assertAlive(token);

        assertEquals(200, AdminApi.call("PATCH", "/clients/" + client.clientId(), admin,
                "{\"is_active\":false,\"version\":" + version(client.clientId()) + "}").statusCode());

        assertDead(token);
        // Reactivated, it gets new tokens; the old ones stay dead.
        assertEquals(200, AdminApi.call("PATCH", "/clients/" + client.clientId(), admin,
                "{\"is_active\":true,\"version\":" + version(client.clientId()) + "}").statusCode());
        assertAlive(ServerHttp.token(client.clientId(), client.secret(), "admin:oauth"));
        assertDead(token);
    }

    @Test
    void deletionKillsTheClientsTokens() {
        TestClients.Registered client = adminClient("deleted");
        String token = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        assertAlive(token);

        assertEquals(204, AdminApi.call("DELETE", "/clients/" + client.clientId(), admin, null).statusCode());

        assertDead(token);
    }

    @Test
    void regeneratingTheSecretKillsTheTokensUnlessAskedToKeepThem() {
        TestClients.Registered client = adminClient("rotated");
        String kept = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        HttpResponse<String> planned = AdminApi.call("POST", "/clients/" + client.clientId() + "/regenerate-secret?keep_tokens=true",
                admin, null);
        assertEquals(200, planned.statusCode(), planned.body());
        assertAlive(kept);

        String secret = json(planned).getString("client_secret");
        HttpResponse<String> leaked = AdminApi.call("POST", "/clients/" + client.clientId() + "/regenerate-secret", admin, null);
        assertEquals(200, leaked.statusCode());
        assertDead(kept);
        // The first token under the new secret, in the same second, is not born dead.
        String fresh = ServerHttp.token(client.clientId(), json(leaked).getString("client_secret"), "admin:oauth");
        assertAlive(fresh);
        assertEquals(401, ServerHttp.postToken(form("grant_type", "client_credentials"),
                "Authorization", basic(client.clientId(), secret)).statusCode());
    }

    @Test
    void narrowingTheScopesKillsTheTokensThatCarryARemovedOne() {
        TestClients.Registered client = adminClient("narrowed");
        String broad = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth read:profile");
        String narrow = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        assertAlive(broad);

        assertEquals(200, AdminApi.call("PATCH", "/clients/" + client.clientId(), admin,
                "{\"allowed_scopes\":[\"admin:oauth\"],\"version\":" + version(client.clientId()) + "}").statusCode());

        assertDead(broad);
        assertAlive(narrow);
    }

    @Test
    void removingAScopeThatCoveredOthersKillsTheTokensItCovered() {
        String fullAdmin = AdminApi.fullAdminToken();
        TestClients.Registered client = TestClients.register("wildcard", List.of("admin:full", "read:profile"),
                List.of("read:profile"));
        // Granted under admin:full, the token names admin:oauth, not admin:full.
        String covered = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        assertAlive(covered);
        long version = json(AdminApi.call("GET", "/clients/" + client.clientId(), fullAdmin, null))
                .getJsonNumber("version").longValue();

        HttpResponse<String> narrowed = AdminApi.call("PATCH", "/clients/" + client.clientId(), fullAdmin,
                "{\"allowed_scopes\":[\"read:profile\"],\"version\":" + version + "}");
        assertEquals(200, narrowed.statusCode(), narrowed.body());

        assertDead(covered);
    }

    @Test
    void revokeAllKillsEveryTokenAndTheClientCarriesOn() {
        TestClients.Registered client = adminClient("revoke-all");
        String first = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        String second = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");

        assertEquals(204, AdminApi.call("POST", "/clients/" + client.clientId() + "/revoke-tokens", admin, null).statusCode());

        assertDead(first);
        assertDead(second);
        assertAlive(ServerHttp.token(client.clientId(), client.secret(), "admin:oauth"));
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_client_tokens_revoked'"
                + " AND target = ? AND success", client.clientId()));
    }

    @Test
    void anAdministratorRevokesAnyClientsToken() {
        TestClients.Registered client = adminClient("foreign");
        String token = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");
        String other = ServerHttp.token(client.clientId(), client.secret(), "admin:oauth");

        HttpResponse<String> revoked = AdminApi.call("POST", "/tokens/revoke", admin, "{\"token\":\"" + token + "\"}");
        assertEquals(204, revoked.statusCode(), revoked.body());
        assertDead(token);
        assertAlive(other);

        assertEquals(400, AdminApi.call("POST", "/tokens/revoke", admin, "{\"token\":\"not.a.token\"}").statusCode());
        assertEquals(403, AdminApi.call("POST", "/tokens/revoke", AdminApi.tokenWithoutAdminOauth(),
                "{\"token\":\"" + other + "\"}").statusCode());
    }
}
