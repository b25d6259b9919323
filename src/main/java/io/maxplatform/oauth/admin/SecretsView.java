package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.client.ClientSecret;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** A client's live secrets: an id and dates each, never the value or the hash. */
public record SecretsView(@JsonbProperty("items") List<Item> items) {

    public record Item(
            @JsonbProperty("secret_id") String secretId,
            @JsonbProperty("current") boolean current,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("expires_at") OffsetDateTime expiresAt,
            @JsonbProperty("last_used_at") OffsetDateTime lastUsedAt) {
    }

    static SecretsView of(List<ClientSecret> secrets) {
        return new SecretsView(secrets.stream()
                .map(s -> new Item(s.secretId(), s.isCurrent(), s.createdAt(), s.expiresAt(), s.lastUsedAt()))
                .toList());
    }
}
