package io.maxplatform.oauth.client;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A registered OAuth client: the guide's {@code oauth_clients} row. */
@Entity
@Table(name = "oauth_clients")
@EntityListeners(ClientCache.Invalidation.class)
public class Client {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** RFC 7591 §2's {@code token_endpoint_auth_method} values this server supports. */
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    /** Authenticates with an identity token of a trust anchor (a Kubernetes cluster, a SPIFFE trust domain, an OIDC issuer). */
    public static final String FEDERATED_JWT = "federated_jwt";
    public static final List<String> AUTH_METHODS = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT,
            FEDERATED_JWT);

    @Id
    @Column(name = "client_id")
    private String clientId;

    @Column(name = "client_name", nullable = false)
    private String clientName;

    /** Null for a client that authenticates with a key. */
    @Column(name = "client_secret_hash")
    private String secretHash;

    @Column(name = "token_endpoint_auth_method", nullable = false)
    private String authMethod = CLIENT_SECRET_BASIC;

    /** The public JWK Set of a {@code private_key_jwt} client (RFC 7517 JSON), else null. */
    @Column(name = "jwks")
    private String jwks;

    /** Where a {@code private_key_jwt} client publishes its JWK Set, instead of {@link #jwks}. */
    @Column(name = "jwks_uri")
    private String jwksUri;

    /** The trust anchor a {@code federated_jwt} client's identity tokens come from, else null. */
    @Column(name = "trust_anchor")
    private String trustAnchor;

    /** The exact {@code sub} of its identity tokens. */
    @Column(name = "federated_subject")
    private String federatedSubject;

    /** Other claims its identity tokens must carry with exactly these values: a JSON object, or null for none. */
    @Column(name = "federated_claims")
    private String federatedClaims;

    /** Whether a Kubernetes {@code default} service account was accepted as its subject, knowingly. */
    @Column(name = "default_account_allowed", nullable = false)
    private boolean defaultAccountAllowed;

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

    /** A new client that authenticates with a key of {@code jwks} (RFC 7523), and has no secret. */
    public static Client withKeys(String clientId, String clientName, String jwks, List<String> allowedScopes,
                                  List<String> defaultScopes, Integer tokenLifetimeSeconds) {
        Client client = new Client(clientId, clientName, null, allowedScopes, defaultScopes, tokenLifetimeSeconds);
        client.authMethod = PRIVATE_KEY_JWT;
        client.jwks = jwks;
        return client;
    }

    /** How it authenticates with a secret ({@code client_secret_basic} or {@code client_secret_post}). */
    public void authenticateWithSecret(String method) {
        if (!CLIENT_SECRET_BASIC.equals(method) && !CLIENT_SECRET_POST.equals(method)) {
            throw new IllegalArgumentException("not a secret method: " + method);
        }
        if (secretHash == null) {
            throw new IllegalStateException("a client needs a secret before it authenticates with one");
        }
        forgetCredentials();
        this.authMethod = method;
    }

    /** {@code private_key_jwt} with keys registered inline ({@code jwks}) or published at {@code jwksUri}: one of the two. */
    public void authenticateWithKeys(String jwks, String jwksUri) {
        if ((jwks == null) == (jwksUri == null)) {
            throw new IllegalArgumentException("exactly one of jwks and jwks_uri");
        }
        forgetCredentials();
        this.secretHash = null; // a client that moves to keys has no secret any more: moving back needs a new one
        this.authMethod = PRIVATE_KEY_JWT;
        this.jwks = jwks;
        this.jwksUri = jwksUri;
    }

    /** {@code federated_jwt}: identity tokens of {@code trustAnchor} whose {@code sub} is {@code subject}. */
    public void authenticateAsFederated(String trustAnchor, String subject, String claims, boolean defaultAccountAllowed) {
        forgetCredentials();
        this.secretHash = null;
        this.authMethod = FEDERATED_JWT;
        this.trustAnchor = Objects.requireNonNull(trustAnchor);
        this.federatedSubject = Objects.requireNonNull(subject);
        this.federatedClaims = claims;
        this.defaultAccountAllowed = defaultAccountAllowed;
    }

    private void forgetCredentials() {
        this.jwks = null;
        this.jwksUri = null;
        this.trustAnchor = null;
        this.federatedSubject = null;
        this.federatedClaims = null;
        this.defaultAccountAllowed = false;
        this.updatedAt = OffsetDateTime.now();
    }

    public void changeAudiences(List<String> audiences) {
        this.allowedAudiences = List.copyOf(audiences);
        this.updatedAt = OffsetDateTime.now();
    }

    public String authMethod() {
        return authMethod;
    }

    /** Whether it authenticates with a signed assertion rather than a secret. */
    public boolean usesKeys() {
        return PRIVATE_KEY_JWT.equals(authMethod);
    }

    /** The public JWK Set, for a client that registered its keys inline. */
    public String jwks() {
        return jwks;
    }

    /** Where its keys are published, for a {@code private_key_jwt} client that registered them so. */
    public String jwksUri() {
        return jwksUri;
    }

    /** Whether it authenticates with an identity token of a trust anchor. */
    public boolean isFederated() {
        return FEDERATED_JWT.equals(authMethod);
    }

    public String trustAnchor() {
        return trustAnchor;
    }

    public String federatedSubject() {
        return federatedSubject;
    }

    /** The JSON object of exact claim values its identity tokens must carry, or null. */
    public String federatedClaims() {
        return federatedClaims;
    }

    public boolean defaultAccountAllowed() {
        return defaultAccountAllowed;
    }

    /** Whether it authenticates with a secret (not with keys, not with an identity token). */
    public boolean usesSecret() {
        return CLIENT_SECRET_BASIC.equals(authMethod) || CLIENT_SECRET_POST.equals(authMethod);
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
