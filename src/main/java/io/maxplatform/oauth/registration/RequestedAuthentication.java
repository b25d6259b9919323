package io.maxplatform.oauth.registration;

/**
 * How a client is to authenticate, as a registration or a {@code PATCH} asks: {@code token_endpoint_auth_method} and
 * what that method needs. {@code private_key_jwt}: {@code jwks} or {@code jwks_uri}. {@code federated_jwt}:
 * {@code trust_anchor}, {@code federated_subject}, optional {@code federated_claims} (a JSON object's text) and
 * {@code allow_default_service_account}. A null component is "not given".
 */
public record RequestedAuthentication(String method, String jwks, String jwksUri, String trustAnchor,
                                      String federatedSubject, String federatedClaims,
                                      Boolean allowDefaultServiceAccount) {

    RequestedAuthentication withMethod(String method) {
        return new RequestedAuthentication(method, jwks, jwksUri, trustAnchor, federatedSubject, federatedClaims,
                allowDefaultServiceAccount);
    }

    /** Nothing about authentication was asked for. */
    boolean isEmpty() {
        return method == null && jwks == null && jwksUri == null && !namesFederation();
    }

    boolean namesKeys() {
        return jwks != null || jwksUri != null;
    }

    boolean namesFederation() {
        return trustAnchor != null || federatedSubject != null || federatedClaims != null
                || allowDefaultServiceAccount != null;
    }
}
