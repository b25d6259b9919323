package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Audit rows of concurrent answers commit together: each answer still has exactly its own committed row. */
abstract class AuditGroupCommitChecks {

    private static final String ROWS_OF_TOKEN =
            "SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success AND token_id = ? AND client_id = ?";

    @Test
    void sixtyConcurrentTokensHaveOneCommittedRowEach() throws Exception {
        TestClients.Registered client = TestClients.register("group", List.of("read:profile"), List.of("read:profile"));

        List<HttpResponse<String>> answers = inParallel(60, client);

        Set<String> tokenIds = new HashSet<>();
        for (HttpResponse<String> answer : answers) {
            assertEquals(200, answer.statusCode(), answer.body());
            String jti = SignedJWT.parse(ServerHttp.json(answer).getString("access_token")).getJWTClaimsSet().getJWTID();
            assertTrue(tokenIds.add(jti));
            // Read right after the answer, outside the server: the row was committed before the token left.
            assertEquals(1, TestClients.count(ROWS_OF_TOKEN, jti, client.clientId()), "the row of " + jti);
        }
        assertEquals(60, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND client_id = ?",
                client.clientId()));
    }

    @Test
    void aRowTheDatabaseRefusesFailsOnlyItsOwnToken() throws Exception {
        TestClients.Registered refused = TestClients.register("refused-row", List.of("read:profile"), List.of("read:profile"));
        TestClients.Registered neighbour = TestClients.register("neighbour", List.of("read:profile"), List.of("read:profile"));
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION refuse_token_row_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.client_id = '" + refused.clientId() + "' AND NEW.success THEN RAISE EXCEPTION 'row refused'; END IF;"
                    + " RETURN NEW; END $$");
            s.execute("CREATE TRIGGER refuse_token_row_for_test BEFORE INSERT ON oauth_audit_logs"
                    + " FOR EACH ROW EXECUTE FUNCTION refuse_token_row_for_test()");
        }
        try {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<HttpResponse<String>>> refusedAnswers = pool.submit(() -> inParallel(10, refused));
                Future<List<HttpResponse<String>>> neighbourAnswers = pool.submit(() -> inParallel(30, neighbour));
                for (HttpResponse<String> answer : refusedAnswers.get()) {
                    // A rule of the database's, not an outage: retrying would not help.
                    assertEquals(500, answer.statusCode(), answer.body());
                    assertFalse(answer.body().contains("access_token"), "no token without its audit row");
                }
                for (HttpResponse<String> answer : neighbourAnswers.get()) {
                    assertEquals(200, answer.statusCode(), answer.body());
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER refuse_token_row_for_test ON oauth_audit_logs");
                s.execute("DROP FUNCTION refuse_token_row_for_test()");
            }
        }
        assertEquals(30, TestClients.count("SELECT COUNT(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND client_id = ?",
                neighbour.clientId()));
    }

    private static List<HttpResponse<String>> inParallel(int count, TestClients.Registered client) throws Exception {
        return AdminConcurrencyChecks.inParallel(count, () -> postToken(form("grant_type", "client_credentials"),
                "Authorization", basic(client.clientId(), client.secret())));
    }
}
