package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A table the token path writes is locked: 503 within about 5 s (the statement's 2 s lock limit, the 5 s wait for
     * a connection), not a thread held for 30; then recovery. The bound checked is the connection's 10 s socket
     * timeout: an answer before it comes from the database's limits, not from a connection given up on.
     */
    @Test
    void aLockedTableGivesAQuick503AndTheServerRecovers() throws Exception {
        TestClients.Registered client = TestClients.register("lock", List.of("read:profile"), List.of("read:profile"));
        String request = form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_secret", client.secret());
        assertEquals(200, postToken(request).statusCode());

        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE oauth_audit_logs IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            HttpResponse<String> refused = postToken(request);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertFalse(refused.body().contains("access_token"));
            System.out.println("A locked table was answered 503 in " + took.toMillis() + " ms");
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered in " + took);
            assertEquals(200, get("/health/live", null).statusCode(), "request threads are not exhausted");
            locker.rollback();
        }
        assertEquals(200, postToken(request).statusCode(), "recovered by itself");
    }

    /**
     * PostgreSQL ends every connection under load (what a restart or an administrator's
     * {@code pg_terminate_backend} does), three times: each request is answered 200 or 503, never 500, however
     * far it had got (a query, the audit writer's commit); every token sent has its committed audit row; and
     * tokens flow again after each round without a restart.
     */
    @Test
    void terminatedConnectionsUnderLoadGiveOnly200Or503AndLoseNoAuditRow() throws Exception {
        TestClients.Registered client = TestClients.register("terminated", List.of("read:profile"), List.of("read:profile"));
        String request = form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_secret", client.secret());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Queue<String> jtis = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Future<Void>> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(load.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> answer = postToken(request);
                    statuses.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                    if (answer.statusCode() == 200) {
                        jtis.add(SignedJWT.parse(ServerHttp.json(answer).getString("access_token")).getJWTClaimsSet().getJWTID());
                    }
                }
                return null;
            }));
        }
        try {
            awaitMoreTokens(jtis, 50);
            for (int round = 0; round < 3; round++) {
                try (Connection admin = TestDatabase.connect(); Statement terminate = admin.createStatement()) {
                    terminate.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                }
                awaitMoreTokens(jtis, 50);
            }
        } finally {
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (Future<Void> thread : threads) {
            thread.get(); // a load thread that failed (a body that was no token response) fails the test
        }

        Set<Integer> unexpected = new HashSet<>(statuses.keySet());
        unexpected.removeAll(Set.of(200, 503));
        assertEquals(Set.of(), unexpected, "answers: " + statuses);
        try (Connection c = TestDatabase.connect();
             PreparedStatement rows = c.prepareStatement("SELECT count(*) FROM oauth_audit_logs"
                     + " WHERE action = 'token_issued' AND token_id = ANY (?)")) {
            rows.setArray(1, c.createArrayOf("text", jtis.toArray()));
            try (ResultSet count = rows.executeQuery()) {
                count.next();
                assertEquals(jtis.size(), count.getInt(1), "every token sent has its committed row; answers: " + statuses);
            }
        }
    }

    /** Waits until {@code more} tokens beyond those issued so far were issued: the server serves again. */
    private static void awaitMoreTokens(Queue<String> jtis, int more) {
        int target = jtis.size() + more;
        await("tokens issued again").atMost(Duration.ofSeconds(60)).until(() -> jtis.size() >= target);
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

            assertEquals(503, get(StatisticsChecks.PATH, token).statusCode(), "an admin call's audit row needs the database");
            assertEquals(503, get("/health/ready", null).statusCode());
            // security case J10: the public documents come from memory, cacheable, with no database.
            for (String document : List.of("/api/oauth/jwks", "/api/oauth/.well-known/oauth-authorization-server")) {
                HttpResponse<String> served = get(document, null);
                assertEquals(200, served.statusCode(), document);
                assertTrue(served.headers().firstValue("Cache-Control").orElse("").contains("max-age"), document);
            }
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
