package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.JWK;
import java.net.http.HttpResponse;
import java.util.Date;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restart: the signing key comes back from the database (a token issued before the restart is accepted
 * after it, the JWKS is unchanged), a changed {@code SERVICE_CLIENT_SECRET} replaces the stored secret, and a
 * client assertion used before the restart is still refused as a replay after it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartIT {

    static final String ROTATED_SECRET = "rotated_bootstrap_secret_for_tests";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "before", managed = false, testable = false)
    @TargetsContainer("server")
    static WebArchive before() {
        return ServerIT.builtWar();
    }

    @Deployment(name = "after", managed = false, testable = false)
    @TargetsContainer("rotated-secret")
    static WebArchive after() {
        return ServerIT.builtWar();
    }

    @Test
    void keysSurviveARestartAndTheBootstrapSecretFollowsTheEnvironment() throws InterruptedException {
        ServerHttp.awaitFreePort();
        deployer.deploy("before");
        String tokenFromBefore = ServerHttp.bootstrapToken("admin:oauth");
        String jwksBefore = get("/api/oauth/jwks", null).body();
        JWK key = ClientKeys.ec("restart");
        String keyClient = AdminApi.uniqueId("restart-key");
        assertEquals(201, AdminApi.call("POST", "/clients", tokenFromBefore, "{\"client_id\":\"" + keyClient
                + "\",\"client_name\":\"x\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"],\"token_endpoint_auth_method\":"
                + "\"private_key_jwt\",\"jwks\":" + ClientKeys.publicJwks(key) + "}").statusCode());
        // Valid for 4 minutes: still unexpired after the restart, so only the replay check can refuse it.
        String assertion = ClientKeys.assertion(key, keyClient,
                c -> c.expirationTime(new Date(System.currentTimeMillis() + 240_000)));
        assertEquals(200, postToken(ClientKeys.tokenForm(assertion)).statusCode());
        deployer.undeploy("before");
        ServerHttp.awaitFreePort();

        deployer.deploy("after");
        try {
            assertEquals(jwksBefore, get("/api/oauth/jwks", null).body());
            assertEquals(200, get(StatisticsChecks.PATH, tokenFromBefore).statusCode());

            HttpResponse<String> oldSecret = postToken(form("grant_type", "client_credentials",
                    "client_id", BOOTSTRAP_ID, "client_secret", BOOTSTRAP_SECRET));
            TokenEndpointChecks.assertOAuthError(oldSecret, 401, "invalid_client");
            HttpResponse<String> newSecret = postToken(form("grant_type", "client_credentials",
                    "client_id", BOOTSTRAP_ID, "client_secret", ROTATED_SECRET));
            assertEquals(200, newSecret.statusCode(), newSecret.body());

            TokenEndpointChecks.assertOAuthError(postToken(ClientKeys.tokenForm(assertion)), 401, "invalid_client");
            assertEquals(1, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ?"
                    + " AND reason = 'assertion_replayed'", keyClient), "a used assertion stays used across a restart");
        } finally {
            deployer.undeploy("after");
            ServerHttp.awaitFreePort();
        }
    }
}
