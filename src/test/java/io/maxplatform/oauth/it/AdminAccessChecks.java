package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deny by default: every admin path and method answers 401 without a token, 403 naming the scope with a
 * token that lacks it, and is served for {@code admin:oauth} and for {@code admin:full}. A refused call
 * leaves an audit row.
 */
abstract class AdminAccessChecks {

    private String target;

    /** Every admin endpoint: method, path, body; against a fresh target client. */
    private List<String[]> endpoints() {
        return List.of(
                new String[] {"GET", "/statistics", null},
                new String[] {"GET", "/clients", null},
                new String[] {"GET", "/clients/" + target, null},
                new String[] {"POST", "/clients", "{\"client_id\":\"" + AdminApi.uniqueId("sweep")
                        + "\",\"client_name\":\"sweep\",\"allowed_scopes\":[\"read:profile\"]}"},
                new String[] {"PATCH", "/clients/" + target, "{\"client_name\":\"renamed\",\"version\":" + version() + "}"},
                new String[] {"POST", "/clients/" + target + "/regenerate-secret", null},
                new String[] {"POST", "/clients/" + target + "/revoke-tokens", null},
                new String[] {"POST", "/tokens/revoke", "{\"token\":\"" + throwawayToken() + "\"}"},
                new String[] {"GET", "/audit-logs", null},
                new String[] {"GET", "/scopes", null},
                new String[] {"DELETE", "/clients/" + target, null});
    }

    private static String throwawayToken() {
        TestClients.Registered client = TestClients.register("sweep-token", List.of("read:profile"), List.of("read:profile"));
        return ServerHttp.token(client.clientId(), client.secret(), "read:profile");
    }

    @BeforeEach
    void createTarget() {
        target = AdminApi.uniqueId("sweep-target");
        AdminApi.create(AdminApi.adminToken(), target, "[\"read:profile\"]", "[]");
    }

    private long version() {
        return ServerHttp.json(AdminApi.call("GET", "/clients/" + target, AdminApi.adminToken(), null))
                .getJsonNumber("version").longValue();
    }

    @Test
    void withoutATokenEveryEndpointIs401() {
        for (String[] e : endpoints()) {
            HttpResponse<String> response = AdminApi.call(e[0], e[1], null, e[2]);
            assertEquals(401, response.statusCode(), e[0] + " " + e[1]);
            assertEquals("{\"detail\":\"Could not validate service credentials\"}", response.body(), e[0] + " " + e[1]);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
    }

    @Test
    void withAnInvalidTokenEveryEndpointIs401() {
        for (String[] e : endpoints()) {
            assertEquals(401, AdminApi.call(e[0], e[1], "not.a.token", e[2]).statusCode(), e[0] + " " + e[1]);
        }
    }

    @Test
    void withoutTheScopeEveryEndpointIs403NamingIt() {
        String token = AdminApi.tokenWithoutAdminOauth();
        for (String[] e : endpoints()) {
            HttpResponse<String> response = AdminApi.call(e[0], e[1], token, e[2]);
            assertEquals(403, response.statusCode(), e[0] + " " + e[1]);
            assertEquals("{\"detail\":\"Missing required scopes: admin:oauth\"}", response.body(), e[0] + " " + e[1]);
        }
    }

    @Test
    void adminOauthAndAdminFullAreServedEverywhere() {
        for (String token : List.of(AdminApi.adminToken(), AdminApi.fullAdminToken())) {
            createTarget();
            for (String[] e : endpoints()) {
                int status = AdminApi.call(e[0], e[1], token, e[2]).statusCode();
                assertTrue(status == 200 || status == 201 || status == 204, e[0] + " " + e[1] + " → " + status);
            }
        }
    }

    @Test
    void refusedCallsAreAudited() {
        String token = AdminApi.tokenWithoutAdminOauth();
        String deniedRows = "SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_access_denied' AND NOT success"
                + " AND target = 'GET /api/admin/oauth/service/scopes'";
        String scopeRows = deniedRows + " AND client_id = 'maxplatform-service' AND detail = 'Missing required scopes: admin:oauth'";
        long before = TestClients.count(deniedRows);
        long scopeBefore = TestClients.count(scopeRows);

        AdminApi.call("GET", "/scopes", token, null);
        AdminApi.call("GET", "/scopes", null, null);
        AdminApi.call("GET", "/scopes", "not.a.token", null);

        assertEquals(before + 3, TestClients.count(deniedRows));
        assertEquals(scopeBefore + 1, TestClients.count(scopeRows));
    }

    @Test
    void theOpenApiDocumentDescribesEveryAdminEndpointWithItsScopeAndErrors() {
        HttpResponse<String> response = ServerHttp.send(ServerHttp.request("/openapi").header("Accept", "application/json").GET());
        assertEquals(200, response.statusCode());
        jakarta.json.JsonObject paths = ServerHttp.json(response).getJsonObject("paths");

        for (String[] e : endpoints()) {
            String path = AdminApi.BASE + e[1].replace(target, "{client_id}");
            jakarta.json.JsonObject operation = paths.getJsonObject(path).getJsonObject(e[0].toLowerCase());
            assertTrue(operation != null, e[0] + " " + path);
            assertTrue(operation.toString().contains("admin:oauth"), "scope of " + e[0] + " " + path);
            assertTrue(operation.getJsonObject("responses").containsKey("401"), e[0] + " " + path);
            assertTrue(operation.getJsonObject("responses").containsKey("403"), e[0] + " " + path);
        }
    }

    @Test
    void unknownAdminPathsAndMethodsAreNeverServed() {
        String token = AdminApi.tokenWithoutAdminOauth();
        for (String[] e : List.of(new String[] {"PUT", "/clients/" + target}, new String[] {"DELETE", "/statistics"},
                new String[] {"GET", "/clients/" + target + "/secret"}, new String[] {"POST", "/statistics"})) {
            int status = AdminApi.call(e[0], e[1], token, null).statusCode();
            assertNotEquals(200, status, e[0] + " " + e[1]);
            assertTrue(status == 401 || status == 403 || status == 404 || status == 405, e[0] + " " + e[1] + " → " + status);
        }
    }
}
