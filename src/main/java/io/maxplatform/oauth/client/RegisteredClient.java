package io.maxplatform.oauth.client;

import java.util.List;
import java.util.Optional;

/**
 * A client as authentication and token issuance read it: an immutable copy of its row, which
 * {@link ClientCache} shares between requests and threads. The JPA entity {@link Client} has setters and belongs
 * to one persistence context; only {@code registration} changes clients, through {@link ClientRepository}.
 */
public record RegisteredClient(String clientId, String secretHash, boolean isActive, boolean usesKeys, String jwks,
                               List<String> allowedScopes, List<String> defaultScopes, List<String> allowedAudiences,
                               List<String> grantTypes, Optional<Integer> tokenLifetimeSeconds) {

    public RegisteredClient {
        allowedScopes = List.copyOf(allowedScopes);
        defaultScopes = List.copyOf(defaultScopes);
        allowedAudiences = List.copyOf(allowedAudiences);
        grantTypes = List.copyOf(grantTypes);
    }

    public static RegisteredClient of(Client client) {
        return new RegisteredClient(client.clientId(), client.secretHash(), client.isActive(), client.usesKeys(),
                client.jwks(), client.allowedScopes(), client.defaultScopes(), client.allowedAudiences(),
                client.grantTypes(), client.tokenLifetimeSeconds());
    }

    public boolean mayUse(String grantType) {
        return grantTypes.contains(grantType);
    }
}
