package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.AdminApi.call;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client registry through the admin API: create, read, list, update, delete, validation. */
abstract class AdminClientChecks {

    private final String admin = AdminApi.adminToken();

    @Test
    void createReturnsTheSecretOnceWithLocationAndNoStore() {
        String id = AdminApi.uniqueId("created");
        HttpResponse<String> response = call("POST", "/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":\"Created\",\"allowed_scopes\":[\"read:profile\",\"read:groups\"],"
                + "\"default_scopes\":[\"read:profile\"],\"token_lifetime_seconds\":900}");

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(ServerHttp.baseUrl() + AdminApi.BASE + "/clients/" + id, response.headers().firstValue("Location").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = json(response);
        String secret = body.getString("client_secret");
        assertTrue(secret.length() >= 43, "256 bits, base64url");
        assertEquals(List.of("read:profile", "read:groups"), body.getJsonObject("client").getJsonArray("allowed_scopes")
                .getValuesAs(jakarta.json.JsonString::getString));

        HttpResponse<String> token = ServerHttp.postToken(ServerHttp.form("grant_type", "client_credentials",
                "client_id", id, "client_secret", secret));
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("read:profile", json(token).getString("scope"));
        assertEquals(900, json(token).getInt("expires_in"));

        HttpResponse<String> read = call("GET", "/clients/" + id, admin, null);
        assertEquals(200, read.statusCode());
        assertFalse(read.body().contains(secret));
        assertFalse(read.body().contains("secret_hash") || read.body().contains("hmac-sha256"));
        assertFalse(call("GET", "/clients?q=" + id, admin, null).body().contains(secret));
    }

    @Test
    void duplicateIdIs409() {
        String id = AdminApi.uniqueId("dup");
        AdminApi.create(admin, id, "[\"read:profile\"]", "[]");

        assertEquals(409, call("POST", "/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":\"again\",\"allowed_scopes\":[\"read:profile\"]}").statusCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"client_id\":\"Bad Id\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"]}|client_id must be",
            "{\"client_id\":\"../etc\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"]}|client_id must be",
            "{\"client_id\":\"ok-id-1\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:everything\"]}|Unknown scope: read:everything",
            "{\"client_id\":\"ok-id-2\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:groups\"]}|Default scope read:groups is not among allowed_scopes",
            "{\"client_id\":\"ok-id-3\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"client_secret\":\"chosen\"}|Unknown field(s): client_secret",
            "{\"client_id\":\"ok-id-4\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"is_active\":false}|Unknown field(s): is_active",
            "{\"client_id\":\"ok-id-5\",\"client_name\":\"x\",\"allowed_scopes\":\"read:profile\"}|allowed_scopes must be an array of strings",
            "{\"client_id\":\"ok-id-6\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"token_lifetime_seconds\":5}|token_lifetime_seconds must be between",
            "{\"client_id\":\"ok-id-7\",\"allowed_scopes\":[\"read:profile\"]}|client_name is required",
            "{\"client_id\":\"ok-id-8\",|Malformed JSON",
            "[1,2]|The request body must be a JSON object"})
    void invalidCreateRequestsAre400SayingWhatIsWrong(String body, String detail) {
        HttpResponse<String> response = call("POST", "/clients", admin, body);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(json(response).getString("detail").startsWith(detail), response.body());
    }

    @Test
    void anOversizedBodyIs413AndAudited() {
        String id = AdminApi.uniqueId("huge");
        String refusals = "SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_client_created'"
                + " AND NOT success AND detail LIKE 'The request body is too large%'";
        long before = TestClients.count(refusals);
        HttpResponse<String> response = call("POST", "/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":\"" + "n".repeat(70_000) + "\",\"allowed_scopes\":[\"read:profile\"]}");

        assertEquals(413, response.statusCode(), response.body());
        assertTrue(json(response).getString("detail").startsWith("The request body is too large"));
        assertEquals(before + 1, TestClients.count(refusals));
    }

    @Test
    void adminScopesCanOnlyBeHandedOnByTheirHolders() {
        String bootstrapWithOauthOnly = ServerHttp.bootstrapToken("admin:oauth");

        HttpResponse<String> escalation = call("POST", "/clients", bootstrapWithOauthOnly, "{\"client_id\":\""
                + AdminApi.uniqueId("climb") + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"admin:full\"]}");
        HttpResponse<String> held = call("POST", "/clients", bootstrapWithOauthOnly, "{\"client_id\":\""
                + AdminApi.uniqueId("held") + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"admin:oauth\"]}");

        assertEquals(403, escalation.statusCode(), escalation.body());
        assertEquals(201, held.statusCode(), held.body());
    }

    @Test
    void aMorePowerfulClientCannotBeTakenOver() {
        TestClients.Registered full = TestClients.register("powerful", List.of("admin:full"), List.of("admin:full"));
        String oauthOnly = ServerHttp.bootstrapToken("admin:oauth");
        long version = json(call("GET", "/clients/" + full.clientId(), oauthOnly, null)).getJsonNumber("version").longValue();

        assertEquals(403, call("POST", "/clients/" + full.clientId() + "/regenerate-secret", oauthOnly, null).statusCode());
        assertEquals(403, call("PATCH", "/clients/" + full.clientId(), oauthOnly,
                "{\"is_active\":false,\"version\":" + version + "}").statusCode());
        assertEquals(403, call("DELETE", "/clients/" + full.clientId(), oauthOnly, null).statusCode());
        assertEquals(200, ServerHttp.postToken(ServerHttp.form("grant_type", "client_credentials",
                "client_id", full.clientId(), "client_secret", full.secret())).statusCode(), "untouched");

        assertEquals(200, call("POST", "/clients/" + full.clientId() + "/regenerate-secret",
                AdminApi.fullAdminToken(), null).statusCode(), "an admin:full caller may");
    }

    @ParameterizedTest
    @CsvSource({"0,50", "1,0", "1,201", "x,10", "1,y", "2147483647,200"})
    void badPagingIs400(String page, String size) {
        assertEquals(400, call("GET", "/clients?page=" + page + "&size=" + size, admin, null).statusCode());
    }

    @Test
    void listIsPagedAndFiltered() {
        String prefix = AdminApi.uniqueId("listed");
        AdminApi.create(admin, prefix + "-a", "[\"read:profile\"]", "[]");
        AdminApi.create(admin, prefix + "-b", "[\"read:profile\"]", "[]");
        JsonObject c = AdminApi.create(admin, prefix + "-c", "[\"read:profile\"]", "[]");
        call("PATCH", "/clients/" + prefix + "-c", admin, "{\"is_active\":false,\"version\":"
                + c.getJsonObject("client").getJsonNumber("version") + "}");

        JsonObject page1 = json(call("GET", "/clients?q=" + prefix + "&size=2&page=1", admin, null));
        JsonObject page2 = json(call("GET", "/clients?q=" + prefix + "&size=2&page=2", admin, null));
        JsonObject inactive = json(call("GET", "/clients?q=" + prefix + "&active=false", admin, null));
        JsonObject wildcard = json(call("GET", "/clients?q=%25", admin, null));

        assertEquals(3, page1.getInt("total"));
        assertEquals(2, page1.getJsonArray("items").size());
        assertEquals(1, page2.getJsonArray("items").size());
        assertEquals(1, inactive.getInt("total"));
        assertEquals(prefix + "-c", inactive.getJsonArray("items").getJsonObject(0).getString("client_id"));
        assertEquals(0, wildcard.getInt("total"), "% is matched literally");
    }

    @Test
    void patchChangesWhatItNamesAndRefusesAStaleVersion() {
        String id = AdminApi.uniqueId("patched");
        long version = AdminApi.create(admin, id, "[\"read:profile\",\"read:groups\"]", "[\"read:profile\"]")
                .getJsonObject("client").getJsonNumber("version").longValue();

        HttpResponse<String> patched = call("PATCH", "/clients/" + id, admin, "{\"client_name\":\"Renamed\","
                + "\"default_scopes\":[\"read:groups\"],\"token_lifetime_seconds\":120,\"version\":" + version + "}");
        HttpResponse<String> stale = call("PATCH", "/clients/" + id, admin, "{\"client_name\":\"Again\",\"version\":" + version + "}");
        HttpResponse<String> noVersion = call("PATCH", "/clients/" + id, admin, "{\"client_name\":\"Again\"}");
        HttpResponse<String> secretField = call("PATCH", "/clients/" + id, admin, "{\"client_secret\":\"x\",\"version\":" + version + "}");

        assertEquals(200, patched.statusCode(), patched.body());
        JsonObject view = json(patched);
        assertEquals("Renamed", view.getString("client_name"));
        assertEquals(120, view.getInt("token_lifetime_seconds"));
        assertTrue(view.getJsonNumber("version").longValue() > version);
        assertEquals(409, stale.statusCode());
        assertEquals(400, noVersion.statusCode());
        assertEquals(400, secretField.statusCode());
        assertEquals(404, call("PATCH", "/clients/no-such-client", admin, "{\"version\":1}").statusCode());
    }

    @Test
    void deactivatedClientsCannotGetTokens() {
        String id = AdminApi.uniqueId("deactivated");
        JsonObject created = AdminApi.create(admin, id, "[\"read:profile\"]", "[\"read:profile\"]");

        call("PATCH", "/clients/" + id, admin, "{\"is_active\":false,\"version\":"
                + created.getJsonObject("client").getJsonNumber("version") + "}");

        TokenEndpointChecks.assertOAuthError(ServerHttp.postToken(ServerHttp.form("grant_type", "client_credentials",
                "client_id", id, "client_secret", created.getString("client_secret"))), 401, "invalid_client");
    }

    @Test
    void deleteIsForGoodAndTheBootstrapClientStays() {
        String id = AdminApi.uniqueId("deleted");
        JsonObject created = AdminApi.create(admin, id, "[\"read:profile\"]", "[\"read:profile\"]");

        assertEquals(204, call("DELETE", "/clients/" + id, admin, null).statusCode());
        assertEquals(404, call("GET", "/clients/" + id, admin, null).statusCode());
        assertEquals(404, call("DELETE", "/clients/" + id, admin, null).statusCode());
        assertEquals(409, call("POST", "/clients", admin, "{\"client_id\":\"" + id
                + "\",\"client_name\":\"reuse\",\"allowed_scopes\":[\"read:profile\"]}").statusCode(), "ids are never reused");
        TokenEndpointChecks.assertOAuthError(ServerHttp.postToken(ServerHttp.form("grant_type", "client_credentials",
                "client_id", id, "client_secret", created.getString("client_secret"))), 401, "invalid_client");

        HttpResponse<String> bootstrap = call("DELETE", "/clients/" + ServerHttp.BOOTSTRAP_ID, admin, null);
        assertEquals(409, bootstrap.statusCode());
        assertTrue(json(bootstrap).getString("detail").contains("cannot be deleted"));
    }

    @Test
    void unknownClientsAre404() {
        assertEquals(404, call("GET", "/clients/no-such-client", admin, null).statusCode());
        assertEquals(404, call("POST", "/clients/no-such-client/regenerate-secret", admin, null).statusCode());
    }

    @Test
    void scopesListsTheRegistryWithDescriptions() {
        JsonObject scopes = json(call("GET", "/scopes", admin, null));

        assertEquals(9, scopes.getJsonArray("items").size());
        assertTrue(scopes.toString().contains("\"scope\":\"manage:*\""));
        assertTrue(scopes.getJsonArray("items").getJsonObject(0).getString("description").length() > 5);
    }
}
