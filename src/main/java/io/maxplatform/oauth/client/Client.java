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
    public static final List<String> AUTH_METHODS = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT);

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

    /** How it authenticates; {@code jwks} is kept for {@code private_key_jwt} and dropped otherwise. */
    public void changeAuthentication(String method, String jwks) {
        if (!AUTH_METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown token_endpoint_auth_method");
        }
        this.authMethod = method;
        this.jwks = PRIVATE_KEY_JWT.equals(method) ? jwks : null;
        if (PRIVATE_KEY_JWT.equals(method)) {
            // A client that moves to keys has no secret any more: moving back needs a new one.
            this.secretHash = null;
        }
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

    /** The public JWK Set, for a client that uses keys. */
    public String jwks() {
        return jwks;
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
