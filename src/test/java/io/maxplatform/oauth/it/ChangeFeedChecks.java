package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server hears what is committed to its database by anyone else (another instance, a DBA in SQL) through
 * PostgreSQL's notifications, on every server the WAR runs on: its metric says it is listening, and a client
 * deactivated by hand in SQL is refused within a second, not after the client cache's 5 s.
 */
abstract class ChangeFeedChecks {

    @Test
    void theServerHearsChangesCommittedToItsDatabase() throws Exception {
        assertTrue(get(MetricsChecks.PATH, null).body().lines().anyMatch("maxplatform_change_feed_listening 1.0"::equals),
                "the change feed listens on this server");

        TestClients.Registered client = TestClients.register("feed", List.of("read:profile"), List.of("read:profile"));
        assertEquals(200, token(client).statusCode(), "read once, and cached");
        try (Connection c = TestDatabase.connect();
             PreparedStatement deactivate = c.prepareStatement("UPDATE oauth_clients SET is_active = false WHERE client_id = ?")) {
            deactivate.setString(1, client.clientId());
            assertEquals(1, deactivate.executeUpdate());
        }
        Instant changed = Instant.now();
        HttpResponse<String> answer = token(client);
        while (answer.statusCode() == 200 && Duration.between(changed, Instant.now()).toMillis() < 3_000) {
            Thread.sleep(20);
            answer = token(client);
        }
        long took = Duration.between(changed, Instant.now()).toMillis();
        System.out.println("A client deactivated in SQL was refused " + took + " ms later");
        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(took < 1_000, took + " ms");
    }

    private static HttpResponse<String> token(TestClients.Registered client) {
        return postToken(form("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", client.secret()));
    }
}
