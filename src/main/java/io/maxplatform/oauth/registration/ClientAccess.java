package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.scope.ScopePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;

/** Which client an admin call names, whether it is the bootstrap client, and whether the caller may change it. */
@ApplicationScoped
class ClientAccess {

    @Inject
    ClientRepository clients;

    @Inject
    ServerSettings settings;

    /** A text that cannot be a client id ({@link ClientId#mayNameAClient}) names no client, without a query. */
    Client live(String clientId) {
        return (ClientId.mayNameAClient(clientId) ? clients.findLive(clientId) : Optional.<Client>empty())
                .orElseThrow(() -> ApiException.notFound("No client " + clientId));
    }

    /** A live client the caller may change ({@link #requireCallerCovers}). */
    Client changeable(String clientId, Collection<String> callerRoles) {
        Client client = live(clientId);
        requireCallerCovers(client, callerRoles);
        return client;
    }

    /** The client named by {@code SERVICE_CLIENT_ID}, which follows the environment rather than the admin API. */
    boolean isBootstrap(Client client) {
        return client.clientId().equals(settings.bootstrapClientId());
    }

    /**
     * Changing, rotating or deleting a client is taking its powers in hand: the caller must hold every
     * {@code admin:*} scope the client may hold, or a holder of {@code admin:oauth} could take over an
     * {@code admin:full} client by rotating its secret.
     */
    static void requireCallerCovers(Client client, Collection<String> callerRoles) {
        for (String scope : client.allowedScopes()) {
            if (!ScopePolicy.mayDelegate(callerRoles, scope)) {
                throw new ApiException(403, "Only a caller holding " + scope + " (or admin:full) may change "
                        + client.clientId() + ", which is allowed it");
            }
        }
    }
}
