package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.AdminApi.call;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.json;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of release 1.7: rows land in their UTC day's partition, the rollups equal the raw rows after
 * concurrent traffic (and so every figure of {@code /statistics}), the list pages by cursor, and the guide's query
 * runs verbatim on the partitioned table. (Retention by partition: {@code CleanupChecks}.)
 */
abstract class AuditTrailChecks {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    static String partitionOf(LocalDate day) {
        return "oauth_audit_logs_" + DAY.format(day);
    }

    @Test
    void rowsLandInTheirDaysPartitionAndTheComingDaysHaveOne() throws SQLException {
        String marker = AdminApi.uniqueId("routed");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success) VALUES ('token_issued', '" + marker + "', true)");
            try (ResultSet row = s.executeQuery("SELECT tableoid::regclass::text FROM oauth_audit_logs WHERE client_id = '" + marker + "'")) {
                row.next();
                assertEquals(partitionOf(today), row.getString(1));
            }
        }
        for (int day = 0; day <= 7; day++) {
            assertEquals(1, TestClients.count("SELECT count(*) FROM oauth_audit_partitions() WHERE partition_name = ?",
                    partitionOf(today.plusDays(day))), "the partition of today + " + day + " exists");
        }
    }

    @Test
    void aRowOfADayWithoutPartitionIsKeptAndMovedIntoItsDay() throws Exception {
        String marker = AdminApi.uniqueId("far");
        LocalDate far = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success, created_at) VALUES ('token_issued', '"
                    + marker + "', true, now() + interval '40 days')");
        }
        String where = "SELECT count(*) FROM oauth_audit_logs WHERE client_id = ? AND tableoid = to_regclass(?)";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (TestClients.count(where, marker, partitionOf(far)) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }

        assertEquals(1, TestClients.count(where, marker, partitionOf(far)), "moved from the default partition into its day's");
        assertEquals(0, TestClients.count("SELECT count(*) FROM oauth_audit_logs_default"));
        assertEquals(1, TestClients.count("SELECT sum(events) FROM oauth_audit_daily_counts WHERE day = ?", far),
                "counted once, not again when moved");
        assertTrue(ServerHttp.send(ServerHttp.request("/api/metrics").GET()).body()
                .contains("maxplatform_audit_rows_in_default_partition "));
    }

    @Test
    void rollupsAndStatisticsEqualTheRawRowsAfterConcurrentTraffic() throws Exception {
        TestClients.Registered a = TestClients.register("rollup-a", List.of("read:profile", "read:groups"), List.of("read:profile"));
        TestClients.Registered b = TestClients.register("rollup-b", List.of("read:features"), List.of("read:features"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                TestClients.Registered client = i % 2 == 0 ? a : b;
                String secret = i % 10 == 9 ? "wrong" : client.secret();
                String scope = client == a && i % 4 == 0 ? "read:profile read:groups" : null;
                answers.add(threads.submit(() -> postToken(scope == null
                        ? form("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", secret)
                        : form("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret", secret,
                        "scope", scope)).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertTrue(Set.of(200, 401).contains(answer.get()));
            }
        } finally {
            threads.shutdown();
        }

        // Every rollup row equals the raw rows' count for its key, and no raw group lacks its rollup row.
        assertEquals(0, TestClients.count("SELECT count(*) FROM ((SELECT hour, action, success, client_id, error_code, reason, events"
                + " FROM oauth_audit_hourly_counts WHERE events <> 0"
                + " EXCEPT SELECT date_trunc('hour', created_at, 'UTC'), action, success,"
                + " CASE WHEN success THEN COALESCE(client_id, '') ELSE '' END, COALESCE(error_code, ''), COALESCE(reason, ''), count(*)"
                + " FROM oauth_audit_logs GROUP BY 1, 2, 3, 4, 5, 6)"
                + " UNION ALL (SELECT date_trunc('hour', created_at, 'UTC'), action, success,"
                + " CASE WHEN success THEN COALESCE(client_id, '') ELSE '' END, COALESCE(error_code, ''), COALESCE(reason, ''), count(*)"
                + " FROM oauth_audit_logs GROUP BY 1, 2, 3, 4, 5, 6"
                + " EXCEPT SELECT hour, action, success, client_id, error_code, reason, events FROM oauth_audit_hourly_counts)) differ"));
        assertEquals(0, TestClients.count("SELECT count(*) FROM ((SELECT hour, scope, tokens FROM oauth_audit_hourly_scopes WHERE tokens <> 0"
                + " EXCEPT " + RAW_SCOPES + ") UNION ALL (" + RAW_SCOPES + " EXCEPT SELECT hour, scope, tokens FROM oauth_audit_hourly_scopes)) differ"));
        assertEquals(0, TestClients.count("SELECT count(*) FROM ((SELECT day, action, success, events FROM oauth_audit_daily_counts WHERE events <> 0"
                + " EXCEPT " + RAW_DAYS + ") UNION ALL (" + RAW_DAYS + " EXCEPT SELECT day, action, success, events FROM oauth_audit_daily_counts)) differ"));

        JsonObject stats = json(call("GET", "/statistics", ServerHttp.bootstrapToken("admin:oauth"), null));
        OffsetDateTime since = OffsetDateTime.parse(stats.getString("window_start"));
        assertEquals(0, since.getMinute() + since.getSecond(), "the window starts on a whole hour");
        assertEquals(TestClients.count("SELECT count(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success"
                + " AND created_at >= ?", since), stats.getJsonNumber("tokens_issued_24h").longValue());
        assertEquals(TestClients.count("SELECT count(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success"),
                stats.getJsonNumber("tokens_issued_total").longValue());
        assertEquals(TestClients.count("SELECT count(*) FROM oauth_audit_logs WHERE NOT success AND error_code = 'invalid_client'"
                + " AND COALESCE(reason, '') <> 'throttled' AND created_at >= ?", since),
                stats.getJsonNumber("failed_authentications_24h").longValue());
        assertEquals(rawTop("SELECT client_id, count(*) FROM oauth_audit_logs WHERE action = 'token_issued' AND success"
                        + " AND created_at >= ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", since),
                top(stats, "tokens_per_client_24h", "client_id"));
        assertEquals(rawTop("SELECT s, count(*) FROM oauth_audit_logs CROSS JOIN LATERAL unnest(string_to_array(scope, ' ')) s"
                        + " WHERE action = 'token_issued' AND success AND s <> '' AND created_at >= ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", since),
                top(stats, "top_scopes_24h", "scope"));
        assertEquals(40, TestClients.count("SELECT count(*) FROM oauth_audit_logs WHERE client_id = ? AND action = 'token_issued'",
                a.clientId()), "the traffic above: every request of a's was issued");
    }

    private static final String RAW_SCOPES = "SELECT date_trunc('hour', created_at, 'UTC'), s, count(*)::bigint FROM oauth_audit_logs"
            + " CROSS JOIN LATERAL unnest(string_to_array(scope, ' ')) s WHERE action = 'token_issued' AND success AND s <> '' GROUP BY 1, 2";
    private static final String RAW_DAYS = "SELECT (created_at AT TIME ZONE 'UTC')::date, action, success, count(*)::bigint"
            + " FROM oauth_audit_logs GROUP BY 1, 2, 3";

    private static List<String> rawTop(String sql, OffsetDateTime since) throws SQLException {
        List<String> top = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, since);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    top.add(rows.getString(1) + "=" + rows.getLong(2));
                }
            }
        }
        return top;
    }

    private static List<String> top(JsonObject stats, String figure, String name) {
        return stats.getJsonArray(figure).stream().map(JsonValue::asJsonObject)
                .map(row -> row.getString(name) + "=" + row.getJsonNumber("tokens").longValue()).toList();
    }

    @Test
    void theListPagesByCursorThroughEveryRowOnce() {
        String admin = ServerHttp.bootstrapToken("admin:oauth");
        String claimed = AdminApi.uniqueId("paged");
        for (int i = 0; i < 7; i++) {
            postToken(form("grant_type", "client_credentials", "client_id", claimed, "client_secret", "wrong"));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = json(call("GET", "/audit-logs?client_id=" + claimed + "&size=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), admin, null));
            page.getJsonArray("items").forEach(row -> seen.add(row.asJsonObject().getJsonNumber("id").longValue()));
            assertFalse(page.containsKey("total"));
            cursor = page.getBoolean("has_more") ? page.getString("next_cursor") : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(7, new HashSet<>(seen).size(), "no row twice");
        List<Long> newestFirst = new ArrayList<>(seen);
        newestFirst.sort((x, y) -> Long.compare(y, x));
        assertEquals(newestFirst, seen);
        JsonObject second = json(call("GET", "/audit-logs?client_id=" + claimed + "&size=3&page=2", admin, null));
        assertEquals(seen.subList(3, 6), second.getJsonArray("items").stream()
                .map(row -> row.asJsonObject().getJsonNumber("id").longValue()).toList(), "page and cursor agree");

        assertEquals(400, call("GET", "/audit-logs?cursor=not-a-cursor", admin, null).statusCode());
        assertEquals(400, call("GET", "/audit-logs?cursor=MjAyNi0xMi0wM1QwMDowMDowMFosLTE", admin, null).statusCode());
        assertEquals(400, call("GET", "/audit-logs?page=2&cursor=" + json(call("GET", "/audit-logs?size=1", admin, null))
                .getString("next_cursor"), admin, null).statusCode());
        JsonObject tooDeep = json(call("GET", "/audit-logs?page=202&size=50", admin, null));
        assertTrue(tooDeep.getString("detail").contains("next_cursor"), tooDeep.toString());
    }

    @Test
    void theGuidesQueryRunsVerbatim() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT action, client_id, success, created_at \n"
                     + "FROM oauth_audit_logs \n"
                     + "WHERE client_id LIKE '%service%'\n"
                     + "ORDER BY created_at DESC;")) {
            assertTrue(rows.next(), "the bootstrap client maxplatform-service has rows");
        }
    }
}
