package io.maxplatform.oauth.client;

import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.scope.ScopeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;

/**
 * Registering and changing service clients. Each method joins the caller's transaction, so the change and
 * its audit row commit together; a concurrent change is detected by the client's version and refused with
 * 409, never half-applied.
 */
@ApplicationScoped
public class ClientAdministration {

    @Inject
    ClientRepository clients;

    @Inject
    ClientSecrets secrets;

    @Inject
    ScopeRegistry scopes;

    @Inject
    ServerSettings settings;

    /** A client and the secret generated for it, which is shown once and never stored in plain text. */
    public record ClientWithSecret(Client client, String secret) {
    }

    @Transactional
    public ClientWithSecret create(NewClient request, Collection<String> callerRoles) {
        ClientRules.checkClientId(request.clientId());
        ClientRules.checkName(request.clientName());
        ClientRules.checkScopes(request.allowedScopes(), request.defaultScopes(), scopes.policy(), callerRoles);
        ClientRules.checkLifetime(request.tokenLifetimeSeconds());
        if (clients.find(request.clientId()).isPresent()) {
            throw ApiException.conflict("A client with client_id " + request.clientId() + " exists or existed");
        }
        String secret = SecretGenerator.generate();
        Client client = new Client(request.clientId(), request.clientName(), secrets.hashGenerated(secret),
                request.allowedScopes(), request.defaultScopes(), request.tokenLifetimeSeconds());
        clients.add(client);
        flushOrConflict();
        return new ClientWithSecret(client, secret);
    }

    @Transactional
    public Client update(String clientId, ClientChanges changes, Collection<String> callerRoles) {
        Client client = live(clientId);
        if (client.version() != changes.version()) {
            throw ApiException.conflict("The client changed since version " + changes.version()
                    + " (now " + client.version() + "); read it again and retry");
        }
        if (changes.clientName() != null) {
            ClientRules.checkName(changes.clientName());
            client.rename(changes.clientName());
        }
        if (changes.allowedScopes() != null || changes.defaultScopes() != null) {
            if (isBootstrap(client)) {
                throw ApiException.conflict("The scopes of " + clientId + " follow SERVICE_CLIENT_SCOPES; change that and restart");
            }
            List<String> allowed = changes.allowedScopes() != null ? changes.allowedScopes() : client.allowedScopes();
            List<String> defaults = changes.defaultScopes() != null ? changes.defaultScopes()
                    : client.defaultScopes().stream().filter(allowed::contains).toList();
            ClientRules.checkScopes(allowed, defaults, scopes.policy(), callerRoles);
            client.changeScopes(allowed, defaults);
        }
        if (changes.active() != null) {
            client.setActive(changes.active());
        }
        if (changes.tokenLifetimeSeconds() != null) {
            Integer seconds = changes.tokenLifetimeSeconds().orElse(null);
            ClientRules.checkLifetime(seconds);
            client.changeTokenLifetime(seconds);
        }
        flushOrConflict();
        return client;
    }

    @Transactional
    public void delete(String clientId) {
        Client client = live(clientId);
        if (isBootstrap(client)) {
            throw ApiException.conflict("The bootstrap client " + clientId + " (SERVICE_CLIENT_ID) cannot be deleted");
        }
        client.delete();
        flushOrConflict();
        secrets.forget(clientId);
    }

    /** A new secret; the old one stops working when this commits. */
    @Transactional
    public ClientWithSecret regenerateSecret(String clientId) {
        Client client = live(clientId);
        if (isBootstrap(client)) {
            throw ApiException.conflict("The secret of " + clientId + " is SERVICE_CLIENT_SECRET; change that and restart");
        }
        String secret = SecretGenerator.generate();
        client.replaceSecret(secrets.hashGenerated(secret));
        flushOrConflict();
        secrets.forget(clientId);
        return new ClientWithSecret(client, secret);
    }

    public Client get(String clientId) {
        return live(clientId);
    }

    private Client live(String clientId) {
        return clients.findLive(clientId).orElseThrow(() -> ApiException.notFound("No client " + clientId));
    }

    private boolean isBootstrap(Client client) {
        return client.clientId().equals(settings.bootstrapClientId());
    }

    private void flushOrConflict() {
        try {
            clients.flush();
        } catch (OptimisticLockException e) {
            throw ApiException.conflict("The client was changed by a concurrent request; read it again and retry");
        } catch (jakarta.persistence.PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw ApiException.conflict("A client with this client_id was created by a concurrent request");
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
