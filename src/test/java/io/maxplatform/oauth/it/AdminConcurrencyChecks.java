package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.AdminApi.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Racing admin calls: conflicts answer 409, never 500, and leave one consistent result and full audit. */
abstract class AdminConcurrencyChecks {

    private final String admin = AdminApi.adminToken();

    @Test
    void twentyParallelSecretRegenerationsLeaveExactlyOneWorkingSecret() throws Exception {
        String id = AdminApi.uniqueId("raced");
        AdminApi.create(admin, id, "[\"read:profile\"]", "[\"read:profile\"]");
        String auditRows = "SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'admin_secret_regenerated' AND target = ?";

        List<HttpResponse<String>> responses = inParallel(20, () -> call("POST", "/clients/" + id + "/regenerate-secret", admin, null));

        List<String> secrets = new ArrayList<>();
        for (HttpResponse<String> response : responses) {
            assertTrue(response.statusCode() == 200 || response.statusCode() == 409, response.statusCode() + " " + response.body());
            if (response.statusCode() == 200) {
                secrets.add(ServerHttp.json(response).getString("client_secret"));
            }
        }
        assertTrue(!secrets.isEmpty());
        long working = secrets.stream().filter(secret -> ServerHttp.postToken(ServerHttp.form("grant_type",
                "client_credentials", "client_id", id, "client_secret", secret)).statusCode() == 200).count();
        assertEquals(1, working, "exactly one returned secret works at the end");
        assertEquals(20, TestClients.count(auditRows, id), "one audit row per call");
        assertEquals(secrets.size(), TestClients.count(auditRows + " AND success", id));
    }

    @Test
    void twoRacingPatchesOfTheSameVersionHaveOneWinner() throws Exception {
        String id = AdminApi.uniqueId("patch-race");
        long version = AdminApi.create(admin, id, "[\"read:profile\"]", "[]").getJsonObject("client")
                .getJsonNumber("version").longValue();

        AtomicInteger n = new AtomicInteger();
        List<HttpResponse<String>> responses = inParallel(2, () -> AdminApi.call("PATCH", "/clients/" + id, admin,
                "{\"client_name\":\"winner " + n.incrementAndGet() + "\",\"version\":" + version + "}"));

        List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 409), statuses);
    }

    @Test
    void aRegenerationWhoseAuditRowCannotBeWrittenChangesNothing() throws Exception {
        String id = AdminApi.uniqueId("atomic");
        String oldSecret = AdminApi.create(admin, id, "[\"read:profile\"]", "[\"read:profile\"]").getString("client_secret");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            // The database refuses this one audit row, as a full disk or a revoked grant would.
            s.execute("CREATE FUNCTION refuse_audit_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.target = '" + id + "' AND NEW.success THEN RAISE EXCEPTION 'audit refused'; END IF;"
                    + " RETURN NEW; END $$");
            s.execute("CREATE TRIGGER refuse_audit_for_test BEFORE INSERT ON oauth_audit_logs"
                    + " FOR EACH ROW EXECUTE FUNCTION refuse_audit_for_test()");
        }
        try {
            HttpResponse<String> response = call("POST", "/clients/" + id + "/regenerate-secret", admin, null);

            assertTrue(response.statusCode() >= 500, response.statusCode() + " " + response.body());
            assertTrue(!response.body().contains("client_secret"), "no secret without its audit row");
        } finally {
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER refuse_audit_for_test ON oauth_audit_logs");
                s.execute("DROP FUNCTION refuse_audit_for_test()");
            }
        }
        assertEquals(200, ServerHttp.postToken(ServerHttp.form("grant_type", "client_credentials", "client_id", id,
                "client_secret", oldSecret)).statusCode(), "the old secret still works: the change rolled back");
    }

    /** {@code count} calls at once, their answers in order. */
    static List<HttpResponse<String>> inParallel(int count, Callable<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(call));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
