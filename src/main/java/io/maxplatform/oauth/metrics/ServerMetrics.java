package io.maxplatform.oauth.metrics;

import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;

/**
 * What an operator watches, in Prometheus' text format at {@code /api/metrics}: tokens issued per client,
 * refusals per client and reason, the token endpoint's latency, throttle refusals, database failures, secrets'
 * {@code last_used_at} writes that did not happen, and key sets that could not be fetched from other servers.
 * The same names on every server the WAR runs on (Micrometer inside the WAR, not the server's own metrics).
 * <p>
 * A {@code client_id} label carries only a client that proved who it is (its credentials, or a token this
 * server signed); any other request reports {@value #UNVERIFIED}, so a stranger cycling through made-up ids
 * cannot grow the label set.
 */
@ApplicationScoped
public class ServerMetrics {

    static final String UNVERIFIED = "unverified";
    private static final String NONE = "none";
    /** The refusals the failed-authentication throttle and the slow-verification budget answer (429). */
    private static final Set<String> THROTTLE_REASONS = Set.of("throttled", "slow_verification_budget");

    @Inject
    ChangeFeedStatus changeFeed;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer tokenEndpoint;
    private final Counter secretUsageWritesFailed;
    private final Counter secretUsageWritesDropped;
    private final AtomicLong auditRowsInDefaultPartition = new AtomicLong();

    public ServerMetrics() {
        // Buckets around what a token costs here (tens of milliseconds) up to the 5 s a stalled database may take.
        tokenEndpoint = Timer.builder("maxplatform.token.endpoint")
                .description("Time from a token request to its answer, issued or refused")
                .serviceLevelObjectives(millis(5), millis(10), millis(25), millis(50), millis(100), millis(250),
                        millis(500), millis(1000), millis(2500), millis(5000))
                .register(registry);
        // Series an alert compares are there from the start, at 0, rather than from their first event.
        THROTTLE_REASONS.forEach(this::throttleRefusals);
        secretUsageWritesFailed = secretUsageWriteFailures("database");
        secretUsageWritesDropped = secretUsageWriteFailures("busy");
        Gauge.builder("maxplatform.audit.rows.in.default.partition", auditRowsInDefaultPartition, AtomicLong::get)
                .description("Audit rows of a day that had no partition when they were written (0 when partitions are"
                        + " created ahead as they should be); read at each partition upkeep")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @PostConstruct
    void watchChangeFeed() {
        Gauge.builder("maxplatform.change.feed.listening", changeFeed, feed -> feed.isCurrent() ? 1 : 0)
                .description("1 while this instance hears the changes other instances commit; 0 while it reads"
                        + " clients, revocations, cut-offs and keys from the database on every use instead")
                .register(registry);
    }

    private static Duration millis(long value) {
        return Duration.ofMillis(value);
    }

    public void tokenIssued(String clientId) {
        Counter.builder("maxplatform.tokens.issued")
                .description("Access tokens issued")
                .tag("client_id", Objects.requireNonNullElse(clientId, UNVERIFIED))
                .register(registry)
                .increment();
    }

    /**
     * A refused call of any audited kind: {@code action} is its audit action, e.g. {@code token_request_failed};
     * {@code verifiedClientId} is null unless the client proved who it is.
     */
    public void refused(String action, String verifiedClientId, String error, String reason) {
        action = Objects.requireNonNullElse(action, NONE);
        error = Objects.requireNonNullElse(error, NONE);
        reason = Objects.requireNonNullElse(reason, NONE);
        Counter.builder("maxplatform.refusals")
                .description("Refused calls, by audit action, client and reason")
                .tag("action", action)
                .tag("client_id", Objects.requireNonNullElse(verifiedClientId, UNVERIFIED))
                .tag("error", error)
                .tag("reason", reason)
                .register(registry)
                .increment();
        if (THROTTLE_REASONS.contains(reason)) {
            throttleRefusals(reason).increment();
        }
    }

    private Counter throttleRefusals(String reason) {
        return Counter.builder("maxplatform.throttle.refusals")
                .description("Requests answered 429 by the failed-authentication throttle or the slow-verification budget")
                .tag("reason", reason)
                .register(registry);
    }

    /** The series an alert sums, there from the start at 0 rather than from their first event. */
    public void expectDatabaseFailures(Collection<String> reasons) {
        reasons.forEach(this::databaseErrors);
    }

    /** A request answered 503 because the database could not serve it, by the outage's reason. */
    public void databaseFailed(String reason) {
        databaseErrors(reason).increment();
    }

    private Counter databaseErrors(String reason) {
        return Counter.builder("maxplatform.database.errors")
                .description("Requests answered 503 because the database could not serve them, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** The series an alert sums, there from the start at 0: every {@code kind} of key source with every {@code reach}. */
    public void expectKeyFetchFailures(Collection<String> kinds, Collection<String> reaches) {
        kinds.forEach(kind -> reaches.forEach(reach -> keyFetchFailures(kind, reach)));
    }

    /**
     * A key set could not be fetched from another server (a client's {@code jwks_uri}, a trust anchor): the last
     * good set, if any, is served meanwhile.
     */
    public void keyFetchFailed(String kind, String reach) {
        keyFetchFailures(kind, reach).increment();
    }

    private Counter keyFetchFailures(String kind, String reach) {
        return Counter.builder("maxplatform.outbound.key.fetch.failures")
                .description("Key sets that could not be fetched from other servers, by kind of source"
                        + " (jwks, discovery, spiffe_bundle) and who configured it (client, anchor)")
                .tag("kind", kind)
                .tag("reach", reach)
                .register(registry);
    }

    private Counter secretUsageWriteFailures(String reason) {
        return Counter.builder("maxplatform.secret.usage.write.failures")
                .description("Uses of a client secret whose last_used_at was not written: the write failed (database)"
                        + " or too many were pending (busy); the secret's next use tries again")
                .tag("reason", reason)
                .register(registry);
    }

    /** A secret's {@code last_used_at} write failed in the database. */
    public void secretUsageWriteFailed() {
        secretUsageWritesFailed.increment();
    }

    /** A secret's {@code last_used_at} write was not attempted: too many were pending. */
    public void secretUsageWriteDropped() {
        secretUsageWritesDropped.increment();
    }

    public void auditRowsInDefaultPartition(long rows) {
        auditRowsInDefaultPartition.set(rows);
    }

    public void tokenEndpointAnswered(long nanos) {
        tokenEndpoint.record(Duration.ofNanos(nanos));
    }

    /** The text exposition format, version 0.0.4. */
    String scrape() {
        return registry.scrape();
    }
}
