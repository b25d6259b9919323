package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.client.Client;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** A client as the admin API shows it: never its secret or hash. */
public record ClientView(
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("client_name") String clientName,
        @JsonbProperty("allowed_scopes") List<String> allowedScopes,
        @JsonbProperty("default_scopes") List<String> defaultScopes,
        @JsonbProperty("grant_types") List<String> grantTypes,
        @JsonbProperty("token_lifetime_seconds") Integer tokenLifetimeSeconds,
        @JsonbProperty("is_active") boolean active,
        @JsonbProperty("is_confidential") boolean confidential,
        @JsonbProperty("created_at") OffsetDateTime createdAt,
        @JsonbProperty("updated_at") OffsetDateTime updatedAt,
        @JsonbProperty("secret_rotated_at") OffsetDateTime secretRotatedAt,
        @JsonbProperty("version") long version) {

    static ClientView of(Client c) {
        return new ClientView(c.clientId(), c.clientName(), c.allowedScopes(), c.defaultScopes(), c.grantTypes(),
                c.tokenLifetimeSeconds().orElse(null), c.isActive(), c.isConfidential(), c.createdAt(), c.updatedAt(),
                c.secretRotatedAt(), c.version());
    }
}
