package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/oauth/token}: the guide's example, both client authentication methods, the documented errors. */
abstract class TokenEndpointChecks {

    @Test
    void guideCurlExampleGetsAToken() {
        // curl -X POST http://localhost:8000/api/oauth/token -H "Content-Type: application/x-www-form-urlencoded"
        //   -d "grant_type=client_credentials" -d "client_id=maxplatform-service"
        //   -d "client_secret=service_maxplatform_2025_dev_secret" -d "scope=admin:oauth admin:users admin:system"
        HttpResponse<String> response = postToken("grant_type=client_credentials&client_id=maxplatform-service"
                + "&client_secret=service_maxplatform_2025_dev_secret&scope=admin:oauth admin:users admin:system");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = json(response);
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(86400, body.getInt("expires_in"));
        assertEquals("admin:oauth admin:users admin:system", body.getString("scope"));
        assertEquals(3, body.getString("access_token").split("\\.").length);
        assertFalse(body.containsKey("refresh_token"), "RFC 6749 §4.4.3: no refresh token");
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-cache", response.headers().firstValue("Pragma").orElse(""));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void httpBasicAuthenticatesTheClient() {
        HttpResponse<String> response = postToken(form("grant_type", "client_credentials", "scope", "admin:oauth"),
                "Authorization", basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("admin:oauth", json(response).getString("scope"));
    }

    @Test
    void lowerCaseBasicSchemeIsAccepted() {
        HttpResponse<String> response = postToken("grant_type=client_credentials",
                "Authorization", basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET).replace("Basic", "basic"));

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void noScopeGivesTheClientsDefaultScopes() {
        TestClients.Registered client = TestClients.register("defaults", List.of("read:profile", "read:groups"),
                List.of("read:profile"));

        HttpResponse<String> response = postToken(form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret()));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("read:profile", json(response).getString("scope"));
    }

    @Test
    void aClientsOwnTokenLifetimeIsUsed() {
        TestClients.Registered client = TestClients.register("lifetime", List.of("read:profile"),
                List.of("read:profile"), true, 600);

        HttpResponse<String> response = postToken(form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret()));

        assertEquals(600, json(response).getInt("expires_in"));
    }

    @Test
    void manageWildcardCoversAnyManageScope() {
        TestClients.Registered client = TestClients.register("manager", List.of("manage:*"), List.of());

        HttpResponse<String> granted = postToken(form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret(), "scope", "manage:reports"));
        HttpResponse<String> refused = postToken(form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret(), "scope", "manage:reports read:profile"));

        assertEquals(200, granted.statusCode(), granted.body());
        assertEquals("manage:reports", json(granted).getString("scope"));
        assertOAuthError(refused, 400, "invalid_scope");
    }

    @Test
    void wrongSecretUnknownClientAndInactiveClientAnswerAlike() {
        TestClients.Registered inactive = TestClients.register("inactive", List.of("read:profile"),
                List.of("read:profile"), false, null);

        HttpResponse<String> wrongSecret = postToken(form("grant_type", "client_credentials",
                "client_id", BOOTSTRAP_ID, "client_secret", "not-the-secret"));
        HttpResponse<String> unknown = postToken(form("grant_type", "client_credentials",
                "client_id", "no-such-client", "client_secret", BOOTSTRAP_SECRET));
        HttpResponse<String> disabled = postToken(form("grant_type", "client_credentials",
                "client_id", inactive.clientId(), "client_secret", inactive.secret()));

        for (HttpResponse<String> response : List.of(wrongSecret, unknown, disabled)) {
            assertOAuthError(response, 401, "invalid_client");
            assertEquals(wrongSecret.body(), response.body(), "one message for all three: no client enumeration");
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
        }
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? "
                + "AND reason = 'client_inactive' AND NOT success", inactive.clientId()));
    }

    @Test
    void repeatedWrongSecretsAreThrottledBeforeTheSecretIsChecked() {
        TestClients.Registered client = TestClients.register("guessed", List.of("read:profile"), List.of("read:profile"));
        String wrong = form("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", "guess");
        for (int i = 0; i < 20; i++) {
            assertOAuthError(postToken(wrong), 401, "invalid_client");
        }

        HttpResponse<String> throttled = postToken(wrong);
        HttpResponse<String> evenTheRightSecret = postToken(form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret()));

        assertOAuthError(throttled, 429, "invalid_client");
        int retryAfter = Integer.parseInt(throttled.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertOAuthError(evenTheRightSecret, 429, "invalid_client");
        assertEquals(2, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? AND reason = 'throttled'",
                client.clientId()));
    }

    @Test
    void wrongSecretByHttpBasicIs401WithABasicChallenge() {
        // A client with a generated secret: the bootstrap client's slow hash is budgeted server-wide.
        TestClients.Registered client = TestClients.register("basic-wrong", List.of("read:profile"), List.of("read:profile"));
        HttpResponse<String> response = postToken("grant_type=client_credentials",
                "Authorization", basic(client.clientId(), "wrong"));

        assertOAuthError(response, 401, "invalid_client");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
    }

    @Test
    void noClientAuthenticationIsInvalidClient() {
        assertOAuthError(postToken("grant_type=client_credentials"), 401, "invalid_client");
    }

    @Test
    void aBearerTokenDoesNotAuthenticateAClient() {
        long refusals = TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_request_failed'");

        HttpResponse<String> valid = postToken("grant_type=client_credentials",
                "Authorization", "Bearer " + ServerHttp.bootstrapToken("admin:oauth"));
        HttpResponse<String> invalid = postToken("grant_type=client_credentials", "Authorization", "Bearer not.a.token");

        assertOAuthError(valid, 401, "invalid_client");
        assertOAuthError(invalid, 401, "invalid_client");
        assertTrue(invalid.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
        assertEquals(refusals + 2,
                TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_request_failed'"));
    }

    @Test
    void twoAuthenticationMethodsAtOnceAreRefused() {
        HttpResponse<String> response = postToken(form("grant_type", "client_credentials",
                "client_id", BOOTSTRAP_ID, "client_secret", BOOTSTRAP_SECRET),
                "Authorization", basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET));

        assertOAuthError(response, 400, "invalid_request");
    }

    @Test
    void aBodyClientIdOtherThanTheBasicOneIsRefused() {
        HttpResponse<String> response = postToken(form("grant_type", "client_credentials", "client_id", "someone-else"),
                "Authorization", basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET));

        assertOAuthError(response, 400, "invalid_request");
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        assertOAuthError(postToken(form("client_id", BOOTSTRAP_ID, "client_secret", BOOTSTRAP_SECRET)),
                400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "authorization_code", "refresh_token", "foo"})
    void otherGrantTypesAreUnsupported(String grantType) {
        assertOAuthError(postToken(form("grant_type", grantType, "client_id", BOOTSTRAP_ID,
                "client_secret", BOOTSTRAP_SECRET)), 400, "unsupported_grant_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin:full", "admin:oauth admin:full", "read:profile", "no:such-scope", "ADMIN:OAUTH",
            "admin:oauth  admin:users", "admin:oauth\tadmin:users", "\"admin:oauth\""})
    void scopesNotAllowedOrMalformedAreInvalidScope(String scope) {
        assertOAuthError(postToken(form("grant_type", "client_credentials", "client_id", BOOTSTRAP_ID,
                "client_secret", BOOTSTRAP_SECRET, "scope", scope)), 400, "invalid_scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "grant_type=client_credentials&grant_type=client_credentials",
            "grant_type=client_credentials&scope=admin:oauth&scope=admin:users",
            "grant_type=client_credentials&client_id=a&client_id=b",
            "grant_type=client_credentials&client_id=%ZZ",
            "grant_type=client_credentials&client_id=%C3"})
    void repeatedOrMalformedParametersAreInvalidRequest(String body) {
        assertOAuthError(postToken(body), 400, "invalid_request");
    }

    @Test
    void credentialsInTheUrlAreRefusedEvenWhenCorrect() {
        HttpResponse<String> response = ServerHttp.send(ServerHttp.request("/api/oauth/token?client_id="
                        + BOOTSTRAP_ID + "&client_secret=" + BOOTSTRAP_SECRET)
                .header("Content-Type", ServerHttp.FORM)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertOAuthError(response, 400, "invalid_request");
    }

    @Test
    void aBodyThatIsNotAFormIsInvalidRequest() {
        HttpResponse<String> response = ServerHttp.send(ServerHttp.request("/api/oauth/token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));

        assertOAuthError(response, 400, "invalid_request");
    }

    @Test
    void anOversizedBodyIsRefusedInTheOAuthShape() {
        String secret = "x".repeat(80_000); // over the 64 KiB limit, within what loopback buffers take at once
        long refusals = TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE reason = 'body_too_large'");

        HttpResponse<String> response = postToken(form("grant_type", "client_credentials",
                "client_id", BOOTSTRAP_ID, "client_secret", secret));

        assertOAuthError(response, 413, "invalid_request");
        assertEquals(refusals + 1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE reason = 'body_too_large'"));
    }

    @Test
    void getIsNotAllowed() {
        HttpResponse<String> response = ServerHttp.send(ServerHttp.request("/api/oauth/token").GET());

        assertEquals(405, response.statusCode());
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("POST"));
        assertTrue(json(response).containsKey("detail"));
    }

    @Test
    void everyRequestLeavesExactlyOneAuditRow() {
        String claimed = "audit-probe-" + System.nanoTime();
        String auditRows = "SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ?";

        postToken(form("grant_type", "client_credentials", "client_id", claimed, "client_secret", "x"));
        assertEquals(1, TestClients.count(auditRows, claimed));
        assertEquals(1, TestClients.count(auditRows + " AND reason = 'unknown_client' AND error_code = 'invalid_client'", claimed));

        postToken(form("grant_type", "password", "client_id", claimed, "client_secret", "x"));
        assertEquals(2, TestClients.count(auditRows, claimed));

        TestClients.Registered client = TestClients.register("audited", List.of("read:profile"), List.of("read:profile"));
        HttpResponse<String> issued = postToken(form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret()));
        assertEquals(200, issued.statusCode());
        assertEquals(1, TestClients.count(auditRows + " AND action = 'token_issued' AND success AND token_id IS NOT NULL"
                + " AND scope = 'read:profile'", client.clientId()));
    }

    static void assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = json(response);
        assertEquals(error, body.getString("error"), response.body());
        assertFalse(body.getString("error_description").isBlank());
        assertEquals(body.getString("error_description"), body.getString("detail"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(response.body().contains(BOOTSTRAP_SECRET), "an error never echoes a secret");
    }
}
