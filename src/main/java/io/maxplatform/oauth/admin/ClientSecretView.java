package io.maxplatform.oauth.admin;

import jakarta.json.bind.annotation.JsonbProperty;

/** The one response that reveals a client's secret (RFC 7591's name for it), shown once. */
public record ClientSecretView(
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("client_secret") String clientSecret,
        @JsonbProperty("client") ClientView client) {
}
