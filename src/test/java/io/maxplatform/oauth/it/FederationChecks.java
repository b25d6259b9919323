package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Services without secrets: trust anchors ({@code /api/admin/system/trust-anchors}) and {@code federated_jwt}
 * clients, against an issuer of the test's own ({@link TestIssuer}) that serves discovery, keys and a SPIFFE
 * bundle and signs Kubernetes-shaped, SPIFFE-shaped and CI-shaped tokens. A federated client gets a token with no
 * secret anywhere; each failure is 401 {@code invalid_client} with its own audit reason, and the audit row names the
 * anchor and the external subject. Also a {@code private_key_jwt} client whose keys are at a {@code jwks_uri}.
 */
abstract class FederationChecks {

    static final String ANCHORS = "/api/admin/system/trust-anchors";
    static final String SPIFFE_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-spiffe";

    private final String system = ServerHttp.bootstrapToken("admin:system");
    private final String admin = AdminApi.adminToken();
    /** The server's issuer: the audience an identity token names by default. */
    private final String audience = ServerHttp.baseUrl() + "/api/oauth";

    static HttpResponse<String> anchors(String method, String path, String token, String body) {
        var request = ServerHttp.request(ANCHORS + path).method(method,
                body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return ServerHttp.send(request.header("Authorization", "Bearer " + token));
    }

    /** An anchor registered through the API; the JSON fields after name, kind and issuer are {@code more}. */
    private String anchor(String prefix, String kind, String issuerUrl, String more) {
        String name = AdminApi.uniqueId(prefix);
        HttpResponse<String> created = anchors("POST", "", system, "{\"name\":\"" + name + "\",\"kind\":\"" + kind
                + "\",\"issuer\":\"" + issuerUrl + "\"" + more + "}");
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    /** A federated client registered through the API; returns its id. */
    private String federatedClient(String anchor, String subject, String more) {
        String clientId = AdminApi.uniqueId("fed");
        HttpResponse<String> created = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + clientId
                + "\",\"client_name\":\"Federated\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"],"
                + "\"token_endpoint_auth_method\":\"federated_jwt\",\"trust_anchor\":\"" + anchor
                + "\",\"federated_subject\":\"" + subject + "\"" + more + "}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(json(created).containsKey("client_secret"), "a federated client gets no secret");
        return clientId;
    }

    private static HttpResponse<String> token(String assertion, String... pairs) {
        return postToken(ClientKeys.tokenForm(assertion, pairs));
    }

    /** Refused, and audited once with this reason and a detail that names this test's subject. */
    private static void assertRefused(HttpResponse<String> response, String reason, String detailPart) {
        assertRefused(response, reason, detailPart, 1);
    }

    /** Refused, the {@code times}-th such refusal naming this test's subject in the last minute. */
    private static void assertRefused(HttpResponse<String> response, String reason, String detailPart, int times) {
        TokenEndpointChecks.assertOAuthError(response, 401, "invalid_client");
        assertEquals(times, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE reason = ? AND NOT success"
                + " AND detail LIKE ? AND created_at > now() - interval '1 minute'", reason, "%" + detailPart + "%"),
                "audited as " + reason + " naming " + detailPart);
    }

    @Test
    void aKubernetesPodGetsATokenWithItsServiceAccountTokenAndNoSecret() {
        try (TestIssuer issuer = new TestIssuer()) {
            String anchor = anchor("cluster", "kubernetes", issuer.url(), ""); // keys by discovery
            String namespace = AdminApi.uniqueId("ns");
            String subject = "system:serviceaccount:" + namespace + ":reports-job";
            String clientId = federatedClient(anchor, subject, "");
            String podToken = issuer.kubernetesToken(namespace, "reports-job", audience, UnaryOperator.identity());

            HttpResponse<String> first = token(podToken);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("read:profile", json(first).getString("scope"));
            // The kubelet hands the pod the same token until it rewrites it: reused by design, within its lifetime.
            HttpResponse<String> again = token(podToken, "client_id", clientId);
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(2, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? AND action = 'token_issued'"
                    + " AND detail = ?", clientId, "trust_anchor=" + anchor + " subject=" + subject));
            // The same credential at introspection and revocation (RFC 7662 §2.1, RFC 7009 §2.1).
            String accessToken = json(first).getString("access_token");
            HttpResponse<String> introspected = ServerHttp.postOAuth("introspect", ServerHttp.form("token", accessToken,
                    "client_assertion_type", ClientKeys.ASSERTION_TYPE, "client_assertion", podToken), null);
            assertEquals(200, introspected.statusCode(), introspected.body());
            assertTrue(json(introspected).getBoolean("active"), introspected.body());
            HttpResponse<String> revoked = ServerHttp.postOAuth("revoke", ServerHttp.form("token", accessToken,
                    "client_assertion_type", ClientKeys.ASSERTION_TYPE, "client_assertion", podToken), null);
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertEquals(1, issuer.requestsFor("/.well-known/openid-configuration"), "discovery read once, then cached");
            assertEquals(1, issuer.requestsFor("/keys"), "keys read once, then cached");
        }
    }

    @Test
    void aSpiffeWorkloadGetsATokenWithItsJwtSvidUnderEitherAssertionType() {
        try (TestIssuer issuer = new TestIssuer()) {
            String trustDomain = "spiffe://" + AdminApi.uniqueId("td") + ".example";
            String anchor = anchor("spiffe", "spiffe", trustDomain, ",\"jwks_uri\":\"" + issuer.url() + "/bundle\"");
            String spiffeId = trustDomain + "/ns/payments/sa/reports";
            federatedClient(anchor, spiffeId, "");

            HttpResponse<String> spiffeType = postToken(ServerHttp.form("grant_type", "client_credentials",
                    "client_assertion_type", SPIFFE_ASSERTION_TYPE,
                    "client_assertion", issuer.jwtSvid(spiffeId, audience, UnaryOperator.identity())));
            assertEquals(200, spiffeType.statusCode(), spiffeType.body());
            HttpResponse<String> bearerType = token(issuer.jwtSvid(spiffeId, audience, UnaryOperator.identity()));
            assertEquals(200, bearerType.statusCode(), bearerType.body());
        }
    }

    @Test
    void eachFaultyIdentityTokenIsInvalidClientWithItsOwnReason() {
        try (TestIssuer issuer = new TestIssuer()) {
            String anchor = anchor("faults", "kubernetes", issuer.url(), "");
            String namespace = AdminApi.uniqueId("ns");
            String subject = "system:serviceaccount:" + namespace + ":billing";
            String clientId = federatedClient(anchor, subject, "");
            String detail = "subject=" + subject;

            assertRefused(token(issuer.kubernetesToken(namespace, "billing", audience, c -> c.issuer("https://elsewhere.example")),
                    "client_id", clientId), "unknown_trust_anchor", detail);
            assertRefused(token(issuer.kubernetesToken(namespace, "billing", "https://other-server.example", UnaryOperator.identity()),
                    "client_id", clientId), "federated_wrong_audience", detail);
            Instant past = Instant.now().minusSeconds(7200);
            assertRefused(token(issuer.kubernetesToken(namespace, "billing", audience, c -> c.issueTime(Date.from(past))
                            .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(3600)))),
                    "client_id", clientId), "federated_expired", detail);
            Instant now = Instant.now();
            assertRefused(token(issuer.kubernetesToken(namespace, "billing", audience,
                            c -> c.expirationTime(Date.from(now.plusSeconds(48 * 3600)))), "client_id", clientId),
                    "federated_lifetime_too_long", detail);
            assertRefused(token(issuer.kubernetesToken(namespace, "someone-else", audience, UnaryOperator.identity())),
                    "unknown_federated_subject", "subject=system:serviceaccount:" + namespace + ":someone-else");
            assertRefused(token(issuer.kubernetesToken(namespace, "billing", audience, UnaryOperator.identity()),
                    "client_id", AdminApi.uniqueId("another")), "assertion_client_mismatch", detail);
            JWK stranger = ClientKeys.rsa(issuer.currentKey().getKeyID());
            assertRefused(token(ClientKeys.sign(stranger, com.nimbusds.jose.JWSAlgorithm.RS256,
                            claimsOf(issuer.kubernetesToken(namespace, "billing", audience, UnaryOperator.identity())))),
                    "federated_bad_signature", detail);
            assertRefused(token(issuer.kubernetesToken(namespace, "billing", audience, c -> c.expirationTime(null)),
                    "client_id", clientId), "assertion_without_exp", detail);
        }
    }

    @Test
    void claimConditionsAndSingleUseOfACiSystemsTokens() {
        try (TestIssuer issuer = new TestIssuer()) {
            String ci = issuer.url() + "/ci"; // another issuer URL on the same keys: a CI system's OIDC tokens
            String anchor = anchor("ci", "oidc", ci, ",\"jwks_uri\":\"" + issuer.url() + "/keys\"");
            String subject = "repo:maxplatform/reports:ref:refs/heads/main";
            String clientId = federatedClient(anchor, subject, ",\"federated_claims\":{\"repository\":\"maxplatform/reports\","
                    + "\"ref_protected\":true}");

            String good = ciToken(issuer, ci, subject, Map.of("repository", "maxplatform/reports", "ref_protected", true));
            HttpResponse<String> first = token(good);
            assertEquals(200, first.statusCode(), first.body());
            assertRefused(token(good), "federated_replayed", "subject=" + subject); // an oidc anchor is single use by default
            assertRefused(token(ciToken(issuer, ci, subject, Map.of("repository", "maxplatform/reports", "ref_protected", false))),
                    "federated_condition_unmet", "subject=" + subject);
            assertRefused(token(ciToken(issuer, ci, subject, Map.of("ref_protected", true))), "federated_condition_unmet",
                    "subject=" + subject, 2);
            assertTrue(TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? AND success", clientId) >= 1);
        }
    }

    private String ciToken(TestIssuer issuer, String iss, String subject, Map<String, Object> claims) {
        return issuer.ciToken(iss, subject, audience, claims);
    }

    @Test
    void aKeyRotatedAtTheIssuerIsPickedUpAndCachedKeysOutliveAnOutage() {
        TestIssuer own = new TestIssuer();
        try {
            String anchor = anchor("rotating", "kubernetes", own.url(), "");
            String namespace = AdminApi.uniqueId("ns");
            federatedClient(anchor, "system:serviceaccount:" + namespace + ":rotating", "");
            assertEquals(200, token(own.kubernetesToken(namespace, "rotating", audience, UnaryOperator.identity())).statusCode());

            own.rotate(ClientKeys.ec("issuer-2"));
            // An unknown kid is fetched again, at most once a second (OUTBOUND_REFETCH_INTERVAL_SECONDS in the suite).
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(600)).until(() ->
                    token(own.kubernetesToken(namespace, "rotating", audience, UnaryOperator.identity())).statusCode() == 200);

            own.down();
            HttpResponse<String> whileDown = token(own.kubernetesToken(namespace, "rotating", audience, UnaryOperator.identity()));
            assertEquals(200, whileDown.statusCode(), "the last good keys serve while the issuer is down: " + whileDown.body());

            TestIssuer never = new TestIssuer();
            String unreachable = anchor("unreachable", "kubernetes", never.url(), "");
            String token = never.kubernetesToken(namespace, "never", audience, UnaryOperator.identity());
            never.down();
            federatedClient(unreachable, "system:serviceaccount:" + namespace + ":never", "");
            assertRefused(token(token), "trust_anchor_keys_unavailable", namespace + ":never");
        } finally {
            own.close();
        }
    }

    @Test
    void registrationRules() {
        try (TestIssuer issuer = new TestIssuer()) {
            String anchor = anchor("rules", "kubernetes", issuer.url() + "/rules", ",\"jwks\":" + ClientKeys.publicJwks(issuer.currentKey()));
            String namespace = AdminApi.uniqueId("ns");
            String subject = "system:serviceaccount:" + namespace + ":api";
            federatedClient(anchor, subject, "");

            HttpResponse<String> taken = AdminApi.call("POST", "/clients", admin, federatedBody(anchor, subject, ""));
            assertEquals(409, taken.statusCode(), taken.body());
            HttpResponse<String> defaultAccount = AdminApi.call("POST", "/clients", admin,
                    federatedBody(anchor, "system:serviceaccount:" + namespace + ":default", ""));
            assertEquals(400, defaultAccount.statusCode(), defaultAccount.body());
            assertTrue(json(defaultAccount).getString("detail").contains("allow_default_service_account"));
            HttpResponse<String> allowed = AdminApi.call("POST", "/clients", admin,
                    federatedBody(anchor, "system:serviceaccount:" + namespace + ":default", ",\"allow_default_service_account\":true"));
            assertEquals(201, allowed.statusCode(), allowed.body());
            HttpResponse<String> unknownAnchor = AdminApi.call("POST", "/clients", admin, federatedBody("no-such-anchor", subject, ""));
            assertEquals(400, unknownAnchor.statusCode(), unknownAnchor.body());
            HttpResponse<String> reservedClaim = AdminApi.call("POST", "/clients", admin,
                    federatedBody(anchor, "system:serviceaccount:" + namespace + ":other", ",\"federated_claims\":{\"aud\":\"x\"}"));
            assertEquals(400, reservedClaim.statusCode(), reservedClaim.body());

            HttpResponse<String> inUse = anchors("DELETE", "/" + anchor, system, null);
            assertEquals(409, inUse.statusCode(), inUse.body());
            HttpResponse<String> notSystem = anchors("GET", "", admin, null);
            assertEquals(403, notSystem.statusCode(), notSystem.body());
            HttpResponse<String> spiffeWithoutBundle = anchors("POST", "", system,
                    "{\"name\":\"" + AdminApi.uniqueId("td") + "\",\"kind\":\"spiffe\",\"issuer\":\"spiffe://x.example\"}");
            assertEquals(400, spiffeWithoutBundle.statusCode(), spiffeWithoutBundle.body());
            HttpResponse<String> sameIssuer = anchors("POST", "", system,
                    "{\"name\":\"" + AdminApi.uniqueId("dup") + "\",\"kind\":\"kubernetes\",\"issuer\":\"" + issuer.url() + "/rules\"}");
            assertEquals(409, sameIssuer.statusCode(), sameIssuer.body());
        }
    }

    private static String federatedBody(String anchor, String subject, String more) {
        return "{\"client_id\":\"" + AdminApi.uniqueId("fed") + "\",\"client_name\":\"Federated\","
                + "\"allowed_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":\"federated_jwt\","
                + "\"trust_anchor\":\"" + anchor + "\",\"federated_subject\":\"" + subject + "\"" + more + "}";
    }

    @Test
    void anAnchorCanBeReadChangedAndRemoved() {
        try (TestIssuer issuer = new TestIssuer()) {
            String name = anchor("lifecycle", "oidc", issuer.url() + "/lifecycle", "");
            HttpResponse<String> read = anchors("GET", "/" + name, system, null);
            assertEquals(200, read.statusCode(), read.body());
            JsonObject view = json(read);
            assertEquals("discovery", view.getString("keys_from"));
            assertEquals(600, view.getInt("max_assertion_lifetime_seconds"));
            assertTrue(view.getBoolean("single_use"));
            assertTrue(view.getBoolean("audiences_are_default"));

            HttpResponse<String> changed = anchors("PATCH", "/" + name, system, "{\"version\":" + view.getInt("version")
                    + ",\"jwks_uri\":\"" + issuer.url() + "/keys\",\"single_use\":false,\"audiences\":[\"reports\"]}");
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals("jwks_uri", json(changed).getString("keys_from"));
            HttpResponse<String> stale = anchors("PATCH", "/" + name, system, "{\"version\":" + view.getInt("version") + "}");
            assertEquals(409, stale.statusCode(), stale.body());
            assertEquals(204, anchors("DELETE", "/" + name, system, null).statusCode());
            assertEquals(404, anchors("GET", "/" + name, system, null).statusCode());
            assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_trust_anchor_updated'"
                    + " AND target = ? AND success", name));
        }
    }

    @Test
    void aPrivateKeyJwtClientMayPublishItsKeysAtAJwksUriOnTheAllowList() {
        try (TestIssuer issuer = new TestIssuer()) {
            JWK key = issuer.rotate(ClientKeys.rsa("client-key-1"));
            String clientId = AdminApi.uniqueId("uri");
            HttpResponse<String> created = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + clientId
                    + "\",\"client_name\":\"Keys by URL\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"],"
                    + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"" + issuer.url() + "/keys\"}");
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> issued = token(ClientKeys.assertion(key, clientId));
            assertEquals(200, issued.statusCode(), issued.body());

            HttpResponse<String> elsewhere = AdminApi.call("POST", "/clients", admin, "{\"client_id\":\"" + AdminApi.uniqueId("uri")
                    + "\",\"client_name\":\"Keys elsewhere\",\"allowed_scopes\":[\"read:profile\"],"
                    + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"https://keys.example.net/jwks.json\"}");
            assertEquals(400, elsewhere.statusCode(), elsewhere.body());
            assertTrue(json(elsewhere).getString("detail").contains("OUTBOUND_ALLOWED_HOSTS"), elsewhere.body());
        }
    }

    private static JWTClaimsSet claimsOf(String jwt) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
