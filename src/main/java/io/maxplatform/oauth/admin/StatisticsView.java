package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditStatisticsRepository;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The statistics as the wire shows them (snake_case, as everywhere in the API). The "24h" figures count from
 * {@code window_start}: the start of the current UTC hour's bucket and the 23 before it.
 */
@JsonbPropertyOrder({"totalClients", "activeClients", "tokensIssuedLast24Hours", "tokensIssuedTotal",
        "failedAuthenticationsLast24Hours", "tokensPerClient", "topScopes", "windowStart", "generatedAt"})
public record StatisticsView(
        @JsonbProperty("total_clients") long totalClients,
        @JsonbProperty("active_clients") long activeClients,
        @JsonbProperty("tokens_issued_24h") long tokensIssuedLast24Hours,
        @JsonbProperty("tokens_issued_total") long tokensIssuedTotal,
        @JsonbProperty("failed_authentications_24h") long failedAuthenticationsLast24Hours,
        @JsonbProperty("tokens_per_client_24h") List<ClientCount> tokensPerClient,
        @JsonbProperty("top_scopes_24h") List<ScopeCount> topScopes,
        @JsonbProperty("window_start") String windowStart,
        @JsonbProperty("generated_at") String generatedAt) {

    public record ClientCount(@JsonbProperty("client_id") String clientId, @JsonbProperty("tokens") long tokens) {
        static ClientCount of(AuditStatisticsRepository.Count count) {
            return new ClientCount(count.name(), count.count());
        }
    }

    public record ScopeCount(@JsonbProperty("scope") String scope, @JsonbProperty("tokens") long tokens) {
        static ScopeCount of(AuditStatisticsRepository.Count count) {
            return new ScopeCount(count.name(), count.count());
        }
    }
}
