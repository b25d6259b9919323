package io.maxplatform.oauth.revocation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A token revoked before its expiry (RFC 7009), known by its {@code jti} until it would have expired. */
@Entity
@Table(name = "oauth_revoked_tokens")
public class RevokedToken {

    @Id
    @Column(name = "token_id")
    private String tokenId;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at", nullable = false)
    private OffsetDateTime revokedAt;

    protected RevokedToken() {
    }
}
