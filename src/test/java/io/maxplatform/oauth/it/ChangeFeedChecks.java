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
 * deactivated by hand in SQL is refused before the server's cached copy of it could have expired (the client
 * cache's 5 s, counted from a moment before the server read the client), so the announcement dropped it. How
 * long it took is printed, not bounded: a bound below that would measure the machine, not the feed.
 */
abstract class ChangeFeedChecks {

    /** ClientCache.MAX_AGE: what would refuse the client without the announcement. */
    private static final Duration CLIENT_CACHE_MAX_AGE = Duration.ofSeconds(5);

    @Test
    void theServerHearsChangesCommittedToItsDatabase() throws Exception {
        assertTrue(get(MetricsChecks.PATH, null).body().lines().anyMatch("maxplatform_change_feed_listening 1.0"::equals),
                "the change feed listens on this server");

        TestClients.Registered client = TestClients.register("feed", List.of("read:profile"), List.of("read:profile"));
        Instant read = Instant.now();
        assertEquals(200, token(client).statusCode(), "read once, and cached");
        try (Connection c = TestDatabase.connect();
             PreparedStatement deactivate = c.prepareStatement("UPDATE oauth_clients SET is_active = false WHERE client_id = ?")) {
            deactivate.setString(1, client.clientId());
            assertEquals(1, deactivate.executeUpdate());
        }
        Instant changed = Instant.now();
        Instant cachedCopyExpiresNoEarlierThan = read.plus(CLIENT_CACHE_MAX_AGE);
        HttpResponse<String> answer = token(client);
        while (answer.statusCode() == 200 && Instant.now().isBefore(cachedCopyExpiresNoEarlierThan)) {
            Thread.sleep(20);
            answer = token(client);
        }
        Instant refused = Instant.now();
        System.out.println("A client deactivated in SQL was refused " + Duration.between(changed, refused).toMillis() + " ms later");
        assertEquals(401, answer.statusCode(), "still accepted as its cached copy may expire: " + answer.body());
        assertTrue(refused.isBefore(cachedCopyExpiresNoEarlierThan), "refused only once its cached copy may have expired");
        assertTrue(get(MetricsChecks.PATH, null).body().lines().anyMatch("maxplatform_change_feed_listening 1.0"::equals),
                "still listening: the refusal was heard, not read from the database");
    }

    private static HttpResponse<String> token(TestClients.Registered client) {
        return postToken(form("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", client.secret()));
    }
}
