package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.AdminApi.call;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A platform team's day, through the API only, and the trail it leaves. */
abstract class AdminScenarioChecks {

    private final String admin = AdminApi.adminToken();

    @Test
    void createUseRotateAndAudit() {
        String id = AdminApi.uniqueId("reports");
        String oldSecret = AdminApi.create(admin, id, "[\"manage:*\"]", "[]").getString("client_secret");

        HttpResponse<String> token = postToken(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", oldSecret, "scope", "manage:reports"));
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("manage:reports", json(token).getString("scope"));

        HttpResponse<String> rotated = call("POST", "/clients/" + id + "/regenerate-secret", admin, null);
        assertEquals(200, rotated.statusCode());
        assertEquals("no-store", rotated.headers().firstValue("Cache-Control").orElse(""));
        String newSecret = json(rotated).getString("client_secret");

        TokenEndpointChecks.assertOAuthError(postToken(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", oldSecret, "scope", "manage:reports")), 401, "invalid_client");
        assertEquals(200, postToken(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", newSecret, "scope", "manage:reports")).statusCode());

        List<String> ownTrail = actions(json(call("GET", "/audit-logs?client_id=" + id, admin, null)));
        assertEquals(List.of("token_issued", "token_request_failed", "token_issued"), ownTrail, "newest first");
        JsonObject failed = json(call("GET", "/audit-logs?client_id=" + id + "&success=false", admin, null));
        assertEquals(1, failed.getJsonArray("items").size());
        assertFalse(failed.getBoolean("has_more"));
        assertEquals("bad_secret", failed.getJsonArray("items").getJsonObject(0).getString("reason"));

        JsonObject adminTrail = json(call("GET", "/audit-logs?client_id=" + ServerHttp.BOOTSTRAP_ID + "&size=200", admin, null));
        List<String> aboutThisClient = adminTrail.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(row -> id.equals(row.getString("target", null))).map(row -> row.getString("action")).toList();
        assertEquals(List.of("admin_secret_regenerated", "admin_client_created"), aboutThisClient, "newest first");

        JsonObject stats = json(call("GET", "/statistics", admin, null));
        // The top clients of the day: this one (2 tokens) is listed, or the list is full of clients with at least as many.
        List<JsonObject> top = stats.getJsonArray("tokens_per_client_24h").getValuesAs(JsonObject.class);
        assertTrue(top.stream().anyMatch(row -> row.getString("client_id").equals(id))
                        || top.size() == StatisticsChecks.TOP_CLIENTS && top.get(top.size() - 1).getInt("tokens") >= 2,
                top.toString());
        assertTrue(stats.getJsonArray("top_scopes_24h").toString().contains("\"scope\":\"manage:reports\""));
    }

    @Test
    void auditLogFiltersAndPaging() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        String claimed = AdminApi.uniqueId("nobody");
        for (int i = 0; i < 3; i++) {
            postToken(form("grant_type", "client_credentials", "client_id", claimed, "client_secret", "wrong"));
        }

        JsonObject page = json(call("GET", "/audit-logs?client_id=" + claimed + "&action=token_request_failed"
                + "&success=false&since=" + before + "&size=2", admin, null));
        JsonObject none = json(call("GET", "/audit-logs?client_id=" + claimed + "&until=" + before, admin, null));

        assertEquals(2, page.getJsonArray("items").size());
        assertTrue(page.getBoolean("has_more"));
        JsonObject newest = page.getJsonArray("items").getJsonObject(0);
        JsonObject older = page.getJsonArray("items").getJsonObject(1);
        assertTrue(newest.getJsonNumber("id").longValue() > older.getJsonNumber("id").longValue(), "newest first");
        assertEquals("unknown_client", newest.getString("reason"));
        JsonObject rest = json(call("GET", "/audit-logs?client_id=" + claimed + "&action=token_request_failed"
                + "&success=false&since=" + before + "&size=2&cursor=" + page.getString("next_cursor"), admin, null));
        assertEquals(1, rest.getJsonArray("items").size(), "the third row, after the cursor");
        assertTrue(rest.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue()
                < older.getJsonNumber("id").longValue());
        assertFalse(rest.getBoolean("has_more"));
        assertTrue(rest.isNull("next_cursor"));
        assertEquals(0, none.getJsonArray("items").size());
        assertEquals(400, call("GET", "/audit-logs?since=yesterday", admin, null).statusCode());
        assertEquals(400, call("GET", "/audit-logs?success=maybe", admin, null).statusCode());
        assertEquals(400, call("GET", "/audit-logs?size=1000", admin, null).statusCode());
    }

    private static List<String> actions(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("action")).toList();
    }
}
