package io.maxplatform.oauth.client;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** A registered OAuth client: the guide's {@code oauth_clients} row. */
@Entity
@Table(name = "oauth_clients")
@EntityListeners(ClientCache.Invalidation.class)
public class Client {

    public static final String CLIENT_CREDENTIALS = "client_credentials";

    @Id
    @Column(name = "client_id")
    private String clientId;

    @Column(name = "client_name", nullable = false)
    private String clientName;

    /** Null for a client that authenticates with a key. */
    @Column(name = "client_secret_hash")
    private String secretHash;

    @Embedded
    private ClientAuthentication authentication = new ClientAuthentication();

    @Convert(converter = StringListConverter.class)
    @Column(name = "allowed_audiences", nullable = false, columnDefinition = "text[]")
    private List<String> allowedAudiences = List.of();

    @Convert(converter = StringListConverter.class)
    @Column(name = "grant_types", nullable = false, columnDefinition = "text[]")
    private List<String> grantTypes = List.of(CLIENT_CREDENTIALS);

    @Convert(converter = StringListConverter.class)
    @Column(name = "allowed_scopes", nullable = false, columnDefinition = "text[]")
    private List<String> allowedScopes = List.of();

    @Convert(converter = StringListConverter.class)
    @Column(name = "default_scopes", nullable = false, columnDefinition = "text[]")
    private List<String> defaultScopes = List.of();

    @Column(name = "token_lifetime_seconds")
    private Integer tokenLifetimeSeconds;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "is_confidential", nullable = false)
    private boolean confidential = true;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "secret_rotated_at", nullable = false)
    private OffsetDateTime secretRotatedAt;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    protected Client() {
    }

    /** A new confidential service client (no redirect URIs: the guide's "서비스 클라이언트"). */
    public Client(String clientId, String clientName, String secretHash, List<String> allowedScopes,
                  List<String> defaultScopes, Integer tokenLifetimeSeconds) {
        this(clientId, clientName, secretHash, allowedScopes, defaultScopes);
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
    }

    public Client(String clientId, String clientName, String secretHash, List<String> allowedScopes,
                  List<String> defaultScopes) {
        OffsetDateTime now = OffsetDateTime.now();
        this.clientId = clientId;
        this.clientName = clientName;
        this.secretHash = secretHash;
        this.allowedScopes = List.copyOf(allowedScopes);
        this.defaultScopes = List.copyOf(defaultScopes);
        this.createdAt = now;
        this.updatedAt = now;
        this.secretRotatedAt = now;
    }

    /** How it authenticates, and what that needs. */
    public ClientAuthentication authentication() {
        return authentication;
    }

    /** How it authenticates with a secret ({@code client_secret_basic} or {@code client_secret_post}). */
    public void authenticateWithSecret(String method) {
        if (secretHash == null) {
            throw new IllegalStateException("a client needs a secret before it authenticates with one");
        }
        authentication.useSecret(method);
        this.updatedAt = OffsetDateTime.now();
    }

    /**
     * {@code private_key_jwt} with keys registered inline ({@code jwks}) or published at {@code jwksUri}: one of the two.
     * A client that moves to keys has no secret any more: moving back needs a new one.
     */
    public void authenticateWithKeys(String jwks, String jwksUri) {
        authentication.useKeys(jwks, jwksUri);
        this.secretHash = null;
        this.updatedAt = OffsetDateTime.now();
    }

    /** {@code federated_jwt}: identity tokens of {@code trustAnchor} whose {@code sub} is {@code subject}; no secret. */
    public void authenticateAsFederated(String trustAnchor, String subject, String claims, boolean defaultAccountAllowed) {
        authentication.federate(trustAnchor, subject, claims, defaultAccountAllowed);
        this.secretHash = null;
        this.updatedAt = OffsetDateTime.now();
    }

    public void changeAudiences(List<String> audiences) {
        this.allowedAudiences = List.copyOf(audiences);
        this.updatedAt = OffsetDateTime.now();
    }

    public boolean hasSecret() {
        return secretHash != null;
    }

    public List<String> allowedAudiences() {
        return allowedAudiences;
    }

    public void replaceSecret(String newSecretHash) {
        this.secretHash = newSecretHash;
        this.secretRotatedAt = OffsetDateTime.now();
        this.updatedAt = this.secretRotatedAt;
    }

    /** Allowed and default scopes together: the defaults must stay a subset of what is allowed. */
    public void changeScopes(List<String> allowed, List<String> defaults) {
        if (!allowed.containsAll(defaults)) {
            throw new IllegalArgumentException("default scopes must be a subset of the allowed scopes");
        }
        this.allowedScopes = List.copyOf(allowed);
        this.defaultScopes = List.copyOf(defaults);
        this.updatedAt = OffsetDateTime.now();
    }

    public void rename(String name) {
        this.clientName = name;
        this.updatedAt = OffsetDateTime.now();
    }

    public void changeTokenLifetime(Integer seconds) {
        this.tokenLifetimeSeconds = seconds;
        this.updatedAt = OffsetDateTime.now();
    }

    public void setActive(boolean active) {
        this.active = active;
        this.updatedAt = OffsetDateTime.now();
    }

    /** Deleted for good: inactive, hidden, and its id never given to another client. */
    public void delete() {
        this.active = false;
        this.deletedAt = OffsetDateTime.now();
        this.updatedAt = this.deletedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public long version() {
        return version;
    }

    public List<String> grantTypes() {
        return grantTypes;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public OffsetDateTime secretRotatedAt() {
        return secretRotatedAt;
    }

    public String clientId() {
        return clientId;
    }

    public String clientName() {
        return clientName;
    }

    public String secretHash() {
        return secretHash;
    }

    public List<String> allowedScopes() {
        return allowedScopes;
    }

    public List<String> defaultScopes() {
        return defaultScopes;
    }

    public boolean mayUse(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** The client's own token lifetime, where it has one. */
    public Optional<Integer> tokenLifetimeSeconds() {
        return Optional.ofNullable(tokenLifetimeSeconds);
    }

    /** Whether it may authenticate: active and not deleted. */
    public boolean isActive() {
        return active && deletedAt == null;
    }

    public boolean isConfidential() {
        return confidential;
    }
}
