package io.maxplatform.oauth.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names an operator's alerts use, as Prometheus reads them. */
class ServerMetricsTest {

    @Test
    void secretUsageWritesThatDidNotHappenAreCountedByReasonFromZero() {
        ServerMetrics metrics = new ServerMetrics();
        assertTrue(lines(metrics).contains("maxplatform_secret_usage_write_failures_total{reason=\"database\"} 0.0"), metrics.scrape());
        assertTrue(lines(metrics).contains("maxplatform_secret_usage_write_failures_total{reason=\"busy\"} 0.0"), metrics.scrape());

        metrics.secretUsageWriteFailed();
        metrics.secretUsageWriteFailed();
        metrics.secretUsageWriteDropped();

        assertTrue(lines(metrics).contains("maxplatform_secret_usage_write_failures_total{reason=\"database\"} 2.0"), metrics.scrape());
        assertTrue(lines(metrics).contains("maxplatform_secret_usage_write_failures_total{reason=\"busy\"} 1.0"), metrics.scrape());
    }

    @Test
    void keySetsThatCouldNotBeFetchedAreCountedByKindAndReachFromZero() {
        ServerMetrics metrics = new ServerMetrics();
        metrics.expectKeyFetchFailures(List.of("jwks", "discovery"), List.of("client", "anchor"));
        assertTrue(lines(metrics).contains(
                "maxplatform_outbound_key_fetch_failures_total{kind=\"discovery\",reach=\"anchor\"} 0.0"), metrics.scrape());

        metrics.keyFetchFailed("jwks", "client");

        assertTrue(lines(metrics).contains(
                "maxplatform_outbound_key_fetch_failures_total{kind=\"jwks\",reach=\"client\"} 1.0"), metrics.scrape());
    }

    private static List<String> lines(ServerMetrics metrics) {
        return metrics.scrape().lines().toList();
    }
}
