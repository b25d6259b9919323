package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.SecretRotation;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.scope.ScopeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code PATCH} of a client (src/site/markdown/service-developers.md, "Service admin API"), applied to the entity one given field after the
 * other, each checked as registration checks it. It writes nothing itself: it answers what follows from the
 * edit, for {@link ClientWrites} to write after the edit.
 */
@ApplicationScoped
class ClientEdit {

    @Inject
    ScopeRegistry scopes;

    @Inject
    ClientAccess access;

    @Inject
    AuthenticationSetup authenticationSetup;

    ClientWrites.FollowUp apply(Client client, ClientChanges changes, Collection<String> callerRoles) {
        TokenKill.Powers before = TokenKill.Powers.of(client);
        if (changes.clientName() != null) {
            ClientRules.checkName(changes.clientName());
            client.rename(changes.clientName());
        }
        changeScopes(client, changes, callerRoles);
        boolean secretsEnd = changeAuthentication(client, changes);
        if (changes.allowedAudiences() != null) {
            ClientRules.checkAudiences(changes.allowedAudiences());
            client.changeAudiences(changes.allowedAudiences());
        }
        if (changes.active() != null) {
            client.setActive(changes.active());
        }
        if (changes.tokenLifetimeSeconds() != null) {
            Integer seconds = changes.tokenLifetimeSeconds().orElse(null);
            ClientRules.checkLifetime(seconds);
            client.changeTokenLifetime(seconds);
        }
        // A client that moved to keys: its earlier secrets, grace periods included, stop now.
        Consumer<SecretRotation> secretHistory = secretsEnd ? rotation -> rotation.expireAll(client)
                : ClientWrites.FollowUp.NO_SECRET_CHANGE;
        return new ClientWrites.FollowUp(secretHistory, changes.tokenLifetimeSeconds() != null,
                TokenKill.ofEdit(before, TokenKill.Powers.of(client)));
    }

    private void changeScopes(Client client, ClientChanges changes, Collection<String> callerRoles) {
        if (changes.allowedScopes() == null && changes.defaultScopes() == null) {
            return;
        }
        if (access.isBootstrap(client)) {
            throw ApiException.conflict("The scopes of " + client.clientId()
                    + " follow SERVICE_CLIENT_SCOPES; change that and restart");
        }
        List<String> allowed = changes.allowedScopes() != null ? changes.allowedScopes() : client.allowedScopes();
        List<String> defaults = changes.defaultScopes() != null ? changes.defaultScopes()
                : client.defaultScopes().stream().filter(allowed::contains).toList();
        ClientRules.checkScopes(allowed, defaults, scopes.policy(), callerRoles);
        client.changeScopes(allowed, defaults);
    }

    /**
     * A new method, key set, key URL or federated subject. Replacing the JWK Set is how a key client rotates its keys;
     * moving to a secret needs a secret first ({@code regenerate-secret}).
     *
     * @return whether the client's secrets stop working (it moved from a secret to keys or to federation)
     */
    private boolean changeAuthentication(Client client, ClientChanges changes) {
        if (changes.authentication().isEmpty()) {
            return false;
        }
        if (access.isBootstrap(client)) {
            throw ApiException.conflict("The bootstrap client " + client.clientId() + " authenticates with SERVICE_CLIENT_SECRET");
        }
        return authenticationSetup.apply(client, changes.authentication());
    }
}
