package io.maxplatform.oauth.key;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A token-signing key pair ({@code oauth_signing_keys}). The private half is stored encrypted under a key
 * derived from {@code SECRET_KEY}. What the key is at a moment (next, active, retired, …) follows from its
 * times: {@link KeyRing}.
 */
@Entity
@Table(name = "oauth_signing_keys")
public class SigningKey {

    @Id
    @Column(name = "kid")
    private String kid;

    @Column(name = "algorithm", nullable = false)
    private String algorithm;

    @Column(name = "public_jwk", nullable = false)
    private String publicJwk;

    @Column(name = "private_key_encrypted", nullable = false)
    private String privateKeyEncrypted;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "activates_at", nullable = false)
    private OffsetDateTime activatesAt;

    @Column(name = "retired_at")
    private OffsetDateTime retiredAt;

    @Column(name = "withdrawn_at")
    private OffsetDateTime withdrawnAt;

    @Column(name = "longest_token_lifetime_seconds", nullable = false)
    private long longestTokenLifetimeSeconds;

    protected SigningKey() {
    }

    SigningKey(String kid, String algorithm, String publicJwk, String privateKeyEncrypted, Instant activatesAt,
               long longestTokenLifetimeSeconds) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.privateKeyEncrypted = privateKeyEncrypted;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        // A key that signs at once does so from its creation (generating it took a moment).
        this.activatesAt = activatesAt.isBefore(createdAt.toInstant()) ? createdAt : activatesAt.atOffset(ZoneOffset.UTC);
        this.longestTokenLifetimeSeconds = longestTokenLifetimeSeconds;
    }

    /** Stops signing at {@code at} (its successor's start), unless it already stops earlier. */
    void retireAt(Instant at) {
        if (retiredAt == null || retiredAt.toInstant().isAfter(at)) {
            retiredAt = at.atOffset(ZoneOffset.UTC);
        }
    }

    /** Leaves the JWKS at once: no token it signed is accepted any more. */
    void withdrawAt(Instant at) {
        if (withdrawnAt == null) {
            withdrawnAt = at.atOffset(ZoneOffset.UTC);
        }
    }

    KeyRing.Key times() {
        return new KeyRing.Key(kid, algorithm, publicJwk, createdAt.toInstant(), activatesAt.toInstant(),
                retiredAt == null ? null : retiredAt.toInstant(), withdrawnAt == null ? null : withdrawnAt.toInstant(),
                longestTokenLifetimeSeconds);
    }

    String kid() {
        return kid;
    }

    String algorithm() {
        return algorithm;
    }

    String privateKeyEncrypted() {
        return privateKeyEncrypted;
    }
}
