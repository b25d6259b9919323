package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The server is killed ({@code kill -9}) in the middle of a burst of token requests: after a restart, every
 * token a client received has its committed {@code token_issued} row, counted by {@code jti}, and the audit
 * rollups still equal the raw rows. This server
 * runs with {@code ALGORITHM=ES256} on a database of its own, so the whole ES256 token path (issuing, the
 * admin API's verification, introspection) is exercised once as well.
 */
class CrashIT {

    private static final String DATABASE = "crash_durability";

    private static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + System.getProperty("it.db.port") + "/" + DATABASE;
    }

    private static Process start(Path log) throws Exception {
        ServerHttp.awaitFreePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("it.micro.jar"), "--nocluster", "--port", System.getProperty("it.http.port"),
                "--prebootcommandfile", System.getProperty("it.preboot"), "--deploy", System.getProperty("it.war"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of("DATABASE_URL", jdbcUrl(), "ALGORITHM", "ES256"));
        TestDatabase.migratingItself(builder.environment());
        Process server = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                if (get("/health/ready", null).statusCode() == 200) {
                    return server;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        server.destroyForcibly();
        throw new AssertionError("the server did not become ready; see " + log);
    }

    @Test
    void everyTokenAClientReceivedHasItsAuditRowAfterAKill() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
        Path log = Path.of(System.getProperty("it.logs")).toAbsolutePath().resolve("crash-it.log");
        Files.createDirectories(log.getParent());

        Process server = start(log);
        String request = form("grant_type", "client_credentials", "client_id", BOOTSTRAP_ID, "client_secret", BOOTSTRAP_SECRET,
                "scope", "admin:oauth");
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        try {
            String token = ServerHttp.json(ServerHttp.postToken(request)).getString("access_token");
            assertEquals("ES256", SignedJWT.parse(token).getHeader().getAlgorithm().getName());
            assertEquals(200, get(StatisticsChecks.PATH, token).statusCode(), "the admin API verifies ES256 tokens");
            received.add(token);

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService burst = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 8; i++) {
                burst.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> answer = ServerHttp.postToken(request);
                            if (answer.statusCode() == 200) {
                                received.add(ServerHttp.json(answer).getString("access_token"));
                            }
                        } catch (RuntimeException connectionLost) {
                            // the server is gone: what was received so far counts
                        }
                    }
                });
            }
            // Killed mid-burst: once tokens are coming in (not after a fixed time, which a slow machine may not fill).
            await("tokens coming in").atMost(Duration.ofSeconds(60)).until(() -> received.size() > 20);
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful drain
            server.waitFor(30, TimeUnit.SECONDS);
            running.set(false);
            burst.shutdown();
            assertTrue(burst.awaitTermination(60, TimeUnit.SECONDS));
        } finally {
            server.destroyForcibly();
        }
        assertTrue(received.size() > 20, "a burst was under way: " + received.size() + " tokens");

        server = start(log);
        try {
            List<String> jtis = new ArrayList<>();
            for (String token : received) {
                jtis.add(SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                 PreparedStatement rows = c.prepareStatement("SELECT COUNT(*) FROM oauth_audit_logs "
                         + "WHERE action = 'token_issued' AND token_id = ANY (?)")) {
                rows.setArray(1, c.createArrayOf("text", jtis.toArray()));
                try (ResultSet count = rows.executeQuery()) {
                    count.next();
                    assertEquals(jtis.size(), count.getInt(1), "every received token has exactly one committed row");
                }
                try (Statement s = c.createStatement()) {
                    // The rollups commit with the rows they count: the kill cannot have left them apart.
                    AuditUpgradeIT.assertRollupsEqualRawRows(s);
                }
            }
            String afterRestart = ServerHttp.json(ServerHttp.postToken(request)).getString("access_token");
            assertEquals(200, get(StatisticsChecks.PATH, afterRestart).statusCode(), "serves again after the kill");
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
            ServerHttp.awaitFreePort();
        }
    }
}
