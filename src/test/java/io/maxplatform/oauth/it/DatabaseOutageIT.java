package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL goes away under a running server: no token and no admin answer without the database (503,
 * fail closed), readiness DOWN while liveness stays UP; and the server recovers by itself when it returns.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseOutageIT {

    private static final String TOKEN_REQUEST = form("grant_type", "client_credentials", "client_id", BOOTSTRAP_ID,
            "client_secret", BOOTSTRAP_SECRET, "scope", "admin:oauth");

    @Deployment(testable = false)
    static WebArchive war() {
        return ServerIT.builtWar();
    }

    @Test
    void failsClosedWhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
        String token = ServerHttp.bootstrapToken("admin:oauth");

        TestDatabase.stop();
        try {
            HttpResponse<String> refused = postToken(TOKEN_REQUEST);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertEquals("server_error", ServerHttp.json(refused).getString("error"));
            assertFalse(refused.body().contains("access_token"));
            assertFalse(refused.body().contains("Exception"), "no exception text");

            assertEquals(503, get(StatisticsChecks.PATH, token).statusCode(), "the revocation check needs the database");
            assertEquals(503, get("/health/ready", null).statusCode());
            assertEquals(200, get("/health/live", null).statusCode());
        } finally {
            TestDatabase.restart();
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (get("/health/ready", null).statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertEquals(200, get("/health/ready", null).statusCode(), "ready again without a restart");
        HttpResponse<String> issued = postToken(TOKEN_REQUEST);
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals(200, get(StatisticsChecks.PATH, token).statusCode());
    }
}
