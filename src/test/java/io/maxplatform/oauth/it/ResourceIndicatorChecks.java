package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resource indicators (RFC 8707): a client asks for a token for one or more of the audiences it was allowed,
 * and the token's {@code aud} carries exactly that; anything else is {@code invalid_target}; no
 * {@code resource} gives the server's own audience, the only one its admin API accepts.
 */
abstract class ResourceIndicatorChecks {

    private static final String REPORTS = "https://reports.example.com/api";
    private final String admin = AdminApi.adminToken();

    private String[] registered() {
        String clientId = AdminApi.uniqueId("audiences");
        HttpResponse<String> created = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + clientId
                + "\",\"client_name\":\"Audiences\",\"allowed_scopes\":[\"admin:oauth\"],\"default_scopes\":[\"admin:oauth\"],"
                + "\"allowed_audiences\":[\"" + REPORTS + "\",\"billing\"]}");
        assertEquals(201, created.statusCode(), created.body());
        String secret = json(created).getString("client_secret");
        SuiteSecrets.add(secret);
        return new String[] {clientId, secret};
    }

    private static HttpResponse<String> token(String[] client, String... resources) {
        StringBuilder body = new StringBuilder(form("grant_type", "client_credentials"));
        for (String resource : resources) {
            body.append('&').append(form("resource", resource));
        }
        return postToken(body.toString(), "Authorization", basic(client[0], client[1]));
    }

    private static List<String> audience(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return SignedJWT.parse(json(response).getString("access_token")).getJWTClaimsSet().getAudience();
    }

    @Test
    void anAllowedResourceBecomesTheAudienceAndSeveralMayBeAskedFor() throws Exception {
        String[] client = registered();

        HttpResponse<String> reports = token(client, REPORTS);
        assertEquals(List.of(REPORTS), audience(reports));
        assertEquals(List.of(REPORTS, "billing"), audience(token(client, REPORTS, "billing")));
        assertEquals(List.of("maxplatform"), audience(token(client)));
        String tokenId = SignedJWT.parse(json(reports).getString("access_token")).getJWTClaimsSet().getJWTID();
        assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE token_id = ? AND audience = ?",
                tokenId, REPORTS), "the audit row records the audience");
    }

    @Test
    void aResourceTheClientIsNotAllowedIsInvalidTarget() {
        String[] client = registered();

        TokenEndpointChecks.assertOAuthError(token(client, "https://payroll.example.com"), 400, "invalid_target");
        TokenEndpointChecks.assertOAuthError(token(client, REPORTS, "https://payroll.example.com"), 400, "invalid_target");
        TokenEndpointChecks.assertOAuthError(token(client, REPORTS + "#fragment"), 400, "invalid_target");
        TokenEndpointChecks.assertOAuthError(token(client, ""), 400, "invalid_target");
        // Only resource may repeat (RFC 8707 §2); any other parameter still may not.
        TokenEndpointChecks.assertOAuthError(postToken(form("grant_type", "client_credentials") + "&scope=a&scope=b",
                "Authorization", basic(client[0], client[1])), 400, "invalid_request");
    }

    @Test
    void theAdminApiAcceptsOnlyItsOwnAudienceAndIntrospectionReportsAny() throws Exception {
        String[] client = registered();
        String forReports = json(token(client, REPORTS)).getString("access_token");
        String forBoth = json(token(client, REPORTS, "maxplatform")).getString("access_token");

        StatisticsChecks.assertInvalidToken(ServerHttp.get(StatisticsChecks.PATH, forReports));
        assertEquals(200, ServerHttp.get(StatisticsChecks.PATH, forBoth).statusCode());
        JsonObject introspected = json(ServerHttp.postOAuth("introspect", form("token", forReports), basic(client[0], client[1])));
        assertTrue(introspected.getBoolean("active"));
        assertEquals(REPORTS, introspected.getString("aud"));
        JsonObject both = json(ServerHttp.postOAuth("introspect", form("token", forBoth), basic(client[0], client[1])));
        assertEquals(2, both.getJsonArray("aud").size());
    }

    @Test
    void takingAnAudienceAwayKillsTheTokensOfTheClient() {
        String[] client = registered();
        String forReports = json(token(client, REPORTS)).getString("access_token");
        long version = json(AdminApi.call("GET", "/clients/" + client[0], admin, null)).getJsonNumber("version").longValue();

        assertEquals(200, AdminApi.call("PATCH", "/clients/" + client[0], admin,
                "{\"allowed_audiences\":[\"billing\"],\"version\":" + version + "}").statusCode());

        assertEquals(false, json(ServerHttp.postOAuth("introspect", form("token", forReports), basic(client[0], client[1])))
                .getBoolean("active"));
        TokenEndpointChecks.assertOAuthError(token(client, REPORTS), 400, "invalid_target");
    }

    @Test
    void theAdminApiChecksTheAllowedAudiences() {
        for (String bad : List.of("\"has space\"", "\"https://x.example/#frag\"", "\"\"", "\"a\",\"a\"")) {
            HttpResponse<String> refused = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("aud")
                    + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"allowed_audiences\":[" + bad + "]}");
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
        }
    }
}
