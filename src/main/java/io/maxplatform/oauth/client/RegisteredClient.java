package io.maxplatform.oauth.client;

import java.util.List;
import java.util.Optional;

/**
 * A client as authentication and token issuance read it: an immutable copy of its row, which
 * {@link ClientCache} shares between requests and threads. The JPA entity {@link Client} has setters and belongs
 * to one persistence context; only {@code registration} changes clients, through {@link ClientRepository}.
 * How it authenticates is {@code authMethod} with, for {@code private_key_jwt}, {@code jwks} or {@code jwksUri}, and
 * for {@code federated_jwt}, {@code trustAnchor}, {@code federatedSubject} and {@code federatedClaims}.
 */
public record RegisteredClient(String clientId, String secretHash, boolean isActive, String authMethod, String jwks,
                               String jwksUri, String trustAnchor, String federatedSubject, String federatedClaims,
                               List<String> allowedScopes, List<String> defaultScopes, List<String> allowedAudiences,
                               List<String> grantTypes, Optional<Integer> tokenLifetimeSeconds) {

    public RegisteredClient {
        allowedScopes = List.copyOf(allowedScopes);
        defaultScopes = List.copyOf(defaultScopes);
        allowedAudiences = List.copyOf(allowedAudiences);
        grantTypes = List.copyOf(grantTypes);
    }

    public static RegisteredClient of(Client client) {
        ClientAuthentication how = client.authentication();
        return new RegisteredClient(client.clientId(), client.secretHash(), client.isActive(), how.method(),
                how.jwks(), how.jwksUri(), how.trustAnchor(), how.federatedSubject(), how.federatedClaims(),
                client.allowedScopes(), client.defaultScopes(), client.allowedAudiences(), client.grantTypes(),
                client.tokenLifetimeSeconds());
    }

    /** Whether it authenticates with an assertion signed by one of its own keys ({@code private_key_jwt}). */
    public boolean usesKeys() {
        return ClientAuthentication.PRIVATE_KEY_JWT.equals(authMethod);
    }

    /** Whether it authenticates with an identity token of a trust anchor ({@code federated_jwt}). */
    public boolean isFederated() {
        return ClientAuthentication.FEDERATED_JWT.equals(authMethod);
    }

    /** Whether it authenticates with a secret. */
    public boolean usesSecret() {
        return ClientAuthentication.isSecretMethod(authMethod);
    }

    public boolean mayUse(String grantType) {
        return grantTypes.contains(grantType);
    }
}
