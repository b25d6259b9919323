package io.maxplatform.oauth.admin;

import jakarta.json.bind.annotation.JsonbProperty;

/** The statistics as the wire shows them (snake_case, as everywhere in the API). */
public record StatisticsView(
        @JsonbProperty("total_clients") long totalClients,
        @JsonbProperty("active_clients") long activeClients,
        @JsonbProperty("tokens_issued_24h") long tokensIssuedLast24Hours,
        @JsonbProperty("tokens_issued_total") long tokensIssuedTotal,
        @JsonbProperty("failed_authentications_24h") long failedAuthenticationsLast24Hours,
        @JsonbProperty("generated_at") String generatedAt) {
}
