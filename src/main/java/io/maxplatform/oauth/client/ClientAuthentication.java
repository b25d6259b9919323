package io.maxplatform.oauth.client;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;
import java.util.Objects;

/**
 * How a client authenticates (RFC 7591 {@code token_endpoint_auth_method}) and what that method needs: a secret (kept
 * by {@link Client} itself), its public keys ({@code jwks} inline or at {@code jwks_uri}, RFC 7523), or a trust
 * anchor's identity tokens for one exact subject ({@code federated_jwt}). Part of the {@code oauth_clients} row; a
 * change of method clears what the previous one needed, as the row's check constraint demands.
 */
@Embeddable
public class ClientAuthentication {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    /** Authenticates with an identity token of a trust anchor (a Kubernetes cluster, a SPIFFE trust domain, an OIDC issuer). */
    public static final String FEDERATED_JWT = "federated_jwt";
    public static final List<String> METHODS = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT, FEDERATED_JWT);

    @Column(name = "token_endpoint_auth_method", nullable = false)
    private String method = CLIENT_SECRET_BASIC;

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

    void useSecret(String method) {
        if (!isSecretMethod(method)) {
            throw new IllegalArgumentException("not a secret method: " + method);
        }
        forget();
        this.method = method;
    }

    void useKeys(String jwks, String jwksUri) {
        if ((jwks == null) == (jwksUri == null)) {
            throw new IllegalArgumentException("exactly one of jwks and jwks_uri");
        }
        forget();
        this.method = PRIVATE_KEY_JWT;
        this.jwks = jwks;
        this.jwksUri = jwksUri;
    }

    void federate(String trustAnchor, String subject, String claims, boolean defaultAccountAllowed) {
        forget();
        this.method = FEDERATED_JWT;
        this.trustAnchor = Objects.requireNonNull(trustAnchor);
        this.federatedSubject = Objects.requireNonNull(subject);
        this.federatedClaims = claims;
        this.defaultAccountAllowed = defaultAccountAllowed;
    }

    private void forget() {
        jwks = null;
        jwksUri = null;
        trustAnchor = null;
        federatedSubject = null;
        federatedClaims = null;
        defaultAccountAllowed = false;
    }

    public static boolean isSecretMethod(String method) {
        return CLIENT_SECRET_BASIC.equals(method) || CLIENT_SECRET_POST.equals(method);
    }

    public String method() {
        return method;
    }

    /** Whether it authenticates with a secret (not with keys, not with an identity token). */
    public boolean usesSecret() {
        return isSecretMethod(method);
    }

    /** Whether it authenticates with an assertion signed by one of its own keys. */
    public boolean usesKeys() {
        return PRIVATE_KEY_JWT.equals(method);
    }

    /** Whether it authenticates with an identity token of a trust anchor. */
    public boolean isFederated() {
        return FEDERATED_JWT.equals(method);
    }

    public String jwks() {
        return jwks;
    }

    public String jwksUri() {
        return jwksUri;
    }

    public String trustAnchor() {
        return trustAnchor;
    }

    public String federatedSubject() {
        return federatedSubject;
    }

    public String federatedClaims() {
        return federatedClaims;
    }

    public boolean defaultAccountAllowed() {
        return defaultAccountAllowed;
    }
}
