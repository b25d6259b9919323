package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Secret rotation with a grace period: the replaced secret works until the grace ends, then is refused; the
 * admin API lists a client's live secrets (ids and dates, never a value or hash), retires one early, and
 * {@code last_used_at} moves without a write per token.
 */
abstract class SecretRotationChecks {

    private final String admin = AdminApi.adminToken();

    private static final String TOKEN_FORM = form("grant_type", "client_credentials");

    private static int tokenStatus(String clientId, String secret) {
        return ServerHttp.postToken(TOKEN_FORM, "Authorization", basic(clientId, secret)).statusCode();
    }

    /** A client registered through the API (so with its secret history); returns {client_id, secret}. */
    private String[] registered(String prefix) {
        String clientId = AdminApi.uniqueId(prefix);
        JsonObject created = AdminApi.create(admin, clientId, "[\"read:profile\"]", "[\"read:profile\"]");
        String secret = created.getString("client_secret");
        SuiteSecrets.add(secret);
        return new String[] {clientId, secret};
    }

    private String rotate(String clientId, String query, int expectedStatus) {
        HttpResponse<String> rotated = AdminApi.call("POST", "/clients/" + clientId + "/regenerate-secret" + query, admin, null);
        assertEquals(expectedStatus, rotated.statusCode(), rotated.body());
        if (expectedStatus != 200) {
            return null;
        }
        String secret = json(rotated).getString("client_secret");
        SuiteSecrets.add(secret);
        return secret;
    }

    private List<JsonObject> secrets(String clientId) {
        HttpResponse<String> listed = AdminApi.call("GET", "/clients/" + clientId + "/secrets", admin, null);
        assertEquals(200, listed.statusCode(), listed.body());
        return json(listed).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    @Test
    void theReplacedSecretWorksThroughItsGracePeriodAndNotAfter() throws Exception {
        String[] client = registered("grace");
        String old = client[1];
        String fresh = rotate(client[0], "?grace_seconds=3", 200);

        assertEquals(200, tokenStatus(client[0], old), "inside the grace period");
        assertEquals(200, tokenStatus(client[0], fresh));
        List<JsonObject> live = secrets(client[0]);
        assertEquals(2, live.size());
        assertTrue(live.get(0).getBoolean("current"));
        assertFalse(live.get(1).getBoolean("current"));
        assertTrue(live.get(1).containsKey("expires_at"));

        Instant deadline = Instant.now().plusSeconds(15);
        while (tokenStatus(client[0], old) == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertEquals(401, tokenStatus(client[0], old), "after the grace period");
        assertEquals(200, tokenStatus(client[0], fresh));
        assertEquals(1, secrets(client[0]).size());
    }

    @Test
    void aRotationWithAGracePeriodKeepsTheTokensOneWithoutEndsEveryEarlierSecret() {
        String[] client = registered("grace-tokens");
        String token = ServerHttp.token(client[0], client[1], "read:profile");
        String second = rotate(client[0], "?grace_seconds=600", 200);
        HttpResponse<String> introspected = ServerHttp.postOAuth("introspect", form("token", token), basic(client[0], second));
        assertTrue(json(introspected).getBoolean("active"), "a planned rollover keeps the tokens");

        String third = rotate(client[0], "", 200);
        assertEquals(401, tokenStatus(client[0], client[1]));
        assertEquals(401, tokenStatus(client[0], second));
        assertEquals(200, tokenStatus(client[0], third));
        assertEquals(1, secrets(client[0]).size());
    }

    @Test
    void atMostThreeSecretsLiveAndTheGraceIsBounded() {
        String[] client = registered("grace-limit");
        rotate(client[0], "?grace_seconds=604801", 400);
        rotate(client[0], "?grace_seconds=-1", 400);
        rotate(client[0], "?grace_seconds=1e3", 400);
        rotate(client[0], "?grace_seconds=600", 200);
        String third = rotate(client[0], "?grace_seconds=600", 200);
        rotate(client[0], "?grace_seconds=600", 409);
        assertEquals(3, secrets(client[0]).size());
        assertEquals(200, tokenStatus(client[0], client[1]));
        assertEquals(200, tokenStatus(client[0], third));
    }

    @Test
    void anEarlierSecretIsRetiredEarlyButTheCurrentOneIsNot() {
        String[] client = registered("retire");
        String fresh = rotate(client[0], "?grace_seconds=600", 200);
        List<JsonObject> live = secrets(client[0]);
        String currentId = live.get(0).getString("secret_id");
        String earlierId = live.get(1).getString("secret_id");

        assertEquals(409, AdminApi.call("DELETE", "/clients/" + client[0] + "/secrets/" + currentId, admin, null).statusCode());
        assertEquals(404, AdminApi.call("DELETE", "/clients/" + client[0] + "/secrets/nope", admin, null).statusCode());
        assertEquals(204, AdminApi.call("DELETE", "/clients/" + client[0] + "/secrets/" + earlierId, admin, null).statusCode());

        assertEquals(401, tokenStatus(client[0], client[1]));
        assertEquals(200, tokenStatus(client[0], fresh));
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_client_secret_retired'"
                + " AND target = ? AND success", client[0]));
    }

    @Test
    void theListShowsIdsAndDatesNeverAValueOrHash() {
        String[] client = registered("listed");
        rotate(client[0], "?grace_seconds=60", 200);
        HttpResponse<String> listed = AdminApi.call("GET", "/clients/" + client[0] + "/secrets", admin, null);

        assertFalse(listed.body().contains("hmac-sha256"), listed.body());
        assertFalse(listed.body().contains(client[1]), listed.body());
        Set<String> allowed = Set.of("secret_id", "current", "created_at", "expires_at", "last_used_at");
        for (JsonObject item : json(listed).getJsonArray("items").getValuesAs(JsonObject.class)) {
            assertTrue(allowed.containsAll(item.keySet()), item.toString());
            assertTrue(item.keySet().containsAll(Set.of("secret_id", "current", "created_at")), item.toString());
        }
        assertEquals(403, AdminApi.call("GET", "/clients/" + client[0] + "/secrets", AdminApi.tokenWithoutAdminOauth(), null)
                .statusCode());
    }

    /**
     * The write follows the use, off the request's path. That later uses within the minute write nothing is
     * {@code SecretUsageTest}'s to show, on a clock it moves: here it would take waiting out a minute, and a wait
     * shorter than that proves nothing.
     */
    @Test
    void lastUsedIsWrittenSoonAfterTheFirstUse() throws Exception {
        String[] client = registered("last-used");
        assertNull(lastUsed(client[0]));
        Timestamp beforeUse = databaseNow();

        assertEquals(200, tokenStatus(client[0], client[1]));
        Instant deadline = Instant.now().plusSeconds(30);
        while (lastUsed(client[0]) == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Timestamp first = lastUsed(client[0]);
        assertNotNull(first, "written after the first use");
        assertFalse(first.before(beforeUse), "written by this use: " + first + " is not before " + beforeUse);
    }

    private static Timestamp databaseNow() throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement query = c.prepareStatement("SELECT now()");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getTimestamp(1);
        }
    }

    private static Timestamp lastUsed(String clientId) throws SQLException {
        try (Connection c = TestDatabase.connect();
             PreparedStatement query = c.prepareStatement(
                     "SELECT last_used_at FROM oauth_client_secrets WHERE client_id = ? AND expires_at IS NULL")) {
            query.setString(1, clientId);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "the current secret has a row");
                return rows.getTimestamp(1);
            }
        }
    }
}
