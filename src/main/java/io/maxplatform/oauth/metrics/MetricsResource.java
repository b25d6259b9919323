package io.maxplatform.oauth.metrics;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /api/metrics}: the figures of {@link ServerMetrics} for a Prometheus scraper. Like a
 * management port elsewhere, it is meant for the operator's network: it names clients and their failure
 * counts, so the load balancer should not route it from outside (src/site/markdown/operators.md, "Metrics and alerts").
 */
@Path("api/metrics")
@PermitAll
public class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    ServerMetrics metrics;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        return metrics.scrape();
    }
}
