package io.maxplatform.oauth.federation;

import io.maxplatform.oauth.client.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An issuer whose signed identity tokens authenticate {@code federated_jwt} clients: an {@code oauth_trust_anchors}
 * row. Its keys come from {@link #jwks} (inline), {@link #jwksUri}, or, with neither, the issuer's discovery
 * document. Changed only through {@link TrustAnchorService}; authentication reads {@link Anchor}, its immutable copy.
 */
@Entity
@Table(name = "oauth_trust_anchors")
public class TrustAnchor {

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "issuer", nullable = false)
    private String issuer;

    @Column(name = "jwks")
    private String jwks;

    @Column(name = "jwks_uri")
    private String jwksUri;

    @Column(name = "ca_bundle")
    private String caBundle;

    @Column(name = "max_assertion_lifetime_seconds", nullable = false)
    private int maxAssertionLifetimeSeconds;

    @Convert(converter = StringListConverter.class)
    @Column(name = "audiences", nullable = false, columnDefinition = "text[]")
    private List<String> audiences = List.of();

    @Column(name = "single_use", nullable = false)
    private boolean singleUse;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected TrustAnchor() {
    }

    TrustAnchor(String name, AnchorKind kind, String issuer) {
        this.name = name;
        this.kind = kind.externalName();
        this.issuer = issuer;
        this.maxAssertionLifetimeSeconds = Math.toIntExact(kind.defaultMaxLifetime().toSeconds());
        this.singleUse = kind.singleUseByDefault();
        this.createdAt = OffsetDateTime.now();
        this.updatedAt = createdAt;
    }

    void changeKeys(String jwks, String jwksUri, String caBundle) {
        this.jwks = jwks;
        this.jwksUri = jwksUri;
        this.caBundle = caBundle;
        touched();
    }

    void changeIssuer(String issuer) {
        this.issuer = issuer;
        touched();
    }

    void changeLimits(int maxAssertionLifetimeSeconds, List<String> audiences, boolean singleUse) {
        this.maxAssertionLifetimeSeconds = maxAssertionLifetimeSeconds;
        this.audiences = List.copyOf(audiences);
        this.singleUse = singleUse;
        touched();
    }

    private void touched() {
        this.updatedAt = OffsetDateTime.now();
    }

    public String name() {
        return name;
    }

    public AnchorKind kind() {
        return AnchorKind.named(kind).orElseThrow(() -> new IllegalStateException("Unknown anchor kind " + kind));
    }

    public String issuer() {
        return issuer;
    }

    public String jwks() {
        return jwks;
    }

    public String jwksUri() {
        return jwksUri;
    }

    public String caBundle() {
        return caBundle;
    }

    public int maxAssertionLifetimeSeconds() {
        return maxAssertionLifetimeSeconds;
    }

    /** The audiences its tokens must name one of; empty means this server's defaults ({@link Anchor#audiences}). */
    public List<String> audiences() {
        return audiences;
    }

    public boolean singleUse() {
        return singleUse;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
