package io.maxplatform.oauth.key;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A token-signing key pair ({@code oauth_signing_keys}). The private half is stored encrypted under a key
 * derived from {@code SECRET_KEY}; at most one key is active (a partial unique index), so two nodes
 * booting on an empty database cannot both create one.
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

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "retired_at")
    private OffsetDateTime retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, String algorithm, String publicJwk, String privateKeyEncrypted) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.privateKeyEncrypted = privateKeyEncrypted;
        this.active = true;
        this.createdAt = OffsetDateTime.now();
    }

    void retire() {
        active = false;
        retiredAt = OffsetDateTime.now();
    }

    String kid() {
        return kid;
    }

    String algorithm() {
        return algorithm;
    }

    String publicJwk() {
        return publicJwk;
    }

    String privateKeyEncrypted() {
        return privateKeyEncrypted;
    }
}
