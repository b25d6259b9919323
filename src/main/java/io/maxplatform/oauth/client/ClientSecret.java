package io.maxplatform.oauth.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One live secret of a client ({@code oauth_client_secrets}), as its hash: the current one, or an earlier
 * one inside its grace period. The admin API shows its id and dates, never the hash.
 */
@Entity
@Table(name = "oauth_client_secrets")
public class ClientSecret {

    @Id
    @Column(name = "secret_id")
    private String secretId;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected ClientSecret() {
    }

    ClientSecret(String clientId, String secretHash, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
        // An id, not a credential: random so that it reveals neither order nor count.
        this.secretId = UUID.randomUUID().toString().replace("-", "");
        this.clientId = clientId;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Stops working at {@code at}, unless it already stops earlier. */
    void expireBy(OffsetDateTime at) {
        if (expiresAt == null || expiresAt.isAfter(at)) {
            expiresAt = at;
        }
    }

    public boolean isCurrent() {
        return expiresAt == null;
    }

    public String secretId() {
        return secretId;
    }

    public String clientId() {
        return clientId;
    }

    public String secretHash() {
        return secretHash;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    /** Null for the current secret. */
    public OffsetDateTime expiresAt() {
        return expiresAt;
    }

    public OffsetDateTime lastUsedAt() {
        return lastUsedAt;
    }
}
