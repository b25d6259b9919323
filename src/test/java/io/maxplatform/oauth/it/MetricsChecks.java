package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.ServerHttp.postToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/metrics}: the Prometheus text an operator scrapes, counting exactly what the server did
 * (src/site/markdown/operators.md, "Metrics and alerts").
 */
abstract class MetricsChecks {

    static final String PATH = "/api/metrics";

    @Test
    void issuedTokensAndRefusalsAreCountedPerClientAndReason() {
        TestClients.Registered client = TestClients.register("metrics", List.of("read:profile"), List.of("read:profile"));
        String issued = "maxplatform_tokens_issued_total{client_id=\"" + client.clientId() + "\"}";
        String wrongScope = "maxplatform_refusals_total{action=\"token_request_failed\",client_id=\"" + client.clientId()
                + "\",error=\"invalid_scope\",reason=\"invalid_scope\"}";
        String wrongSecret = "maxplatform_refusals_total{action=\"token_request_failed\",client_id=\"unverified\","
                + "error=\"invalid_client\",reason=\"bad_secret\"}";
        String latency = "maxplatform_token_endpoint_seconds_count";
        List<String> before = scrape();

        for (int i = 0; i < 3; i++) {
            ServerHttp.token(client.clientId(), client.secret(), "read:profile");
        }
        assertEquals(400, postToken(form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_secret", client.secret(), "scope", "admin:system")).statusCode());
        assertEquals(401, postToken(form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_secret", "not-" + client.secret())).statusCode());
        List<String> after = scrape();

        assertEquals(3, value(after, issued) - value(before, issued), issued);
        assertEquals(1, value(after, wrongScope) - value(before, wrongScope), wrongScope);
        assertTrue(value(after, wrongSecret) - value(before, wrongSecret) >= 1, wrongSecret);
        // Every answer of the token endpoint is timed, others' concurrent requests included.
        assertTrue(value(after, latency) - value(before, latency) >= 5, latency);
        assertTrue(after.stream().anyMatch(line -> line.startsWith("maxplatform_token_endpoint_seconds_bucket{le=\"0.05\"}")),
                "latency buckets for histogram_quantile");
        // The series alerts compare exist before their first event.
        for (String reason : List.of("database_unreachable", "statement_timeout", "no_connection", "audit_row_late")) {
            assertTrue(after.stream().anyMatch(line -> line.startsWith("maxplatform_database_errors_total{reason=\"" + reason + "\"}")),
                    reason);
        }
        assertTrue(after.stream().anyMatch(line -> line.startsWith("maxplatform_throttle_refusals_total{reason=\"throttled\"}")));
        // last_used_at writes that did not happen: none here, but the series are there at 0 for the alert.
        for (String reason : List.of("database", "busy")) {
            String series = "maxplatform_secret_usage_write_failures_total{reason=\"" + reason + "\"}";
            assertTrue(after.stream().anyMatch(line -> line.startsWith(series)), series);
        }
    }

    @Test
    void aMadeUpClientIdNeverBecomesALabel() {
        String stranger = "stranger-" + System.nanoTime();

        assertEquals(401, postToken(form("grant_type", "client_credentials", "client_id", stranger,
                "client_secret", "whatever")).statusCode());
        // Refused before any authentication: the id is still only a claim.
        assertEquals(400, postToken(form("grant_type", "password", "client_id", stranger,
                "client_secret", "whatever")).statusCode());

        assertTrue(scrape().stream().noneMatch(line -> line.contains(stranger)));
    }

    @Test
    void isPrometheusTextWithoutAToken() {
        HttpResponse<String> response = get(PATH, null);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        assertTrue(response.body().contains("# TYPE maxplatform_token_endpoint_seconds histogram"), response.body());
    }

    private static List<String> scrape() {
        HttpResponse<String> response = get(PATH, null);
        assertEquals(200, response.statusCode(), response.body());
        return Arrays.asList(response.body().split("\n"));
    }

    /** The sample's value, or 0 while the series does not exist yet. */
    private static double value(List<String> lines, String series) {
        return lines.stream().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }
}
