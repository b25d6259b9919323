package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.authentication.ClientSecrets;
import io.maxplatform.oauth.authentication.SecretGenerator;
import io.maxplatform.oauth.authentication.SecretHasher;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.client.ClientSecret;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.client.SecretRotation;
import io.maxplatform.oauth.client.TokenCutoffs;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.error.DatabaseErrors;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.scope.ScopePolicy;
import io.maxplatform.oauth.scope.ScopeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Registering and changing service clients. Each method joins the caller's transaction, so the change and
 * its audit row commit together; a concurrent change is detected by the client's version and refused with
 * 409, never half-applied.
 */
@ApplicationScoped
public class ClientRegistrationService {

    @Inject
    ClientRepository clients;

    @Inject
    ClientSecrets secrets;

    @Inject
    ScopeRegistry scopes;

    @Inject
    ServerSettings settings;

    @Inject
    TokenCutoffs cutoffs;

    @Inject
    SecretRotation secretRotation;

    @Inject
    SigningKeys signingKeys;

    /** A fleet rolls over within days; a longer grace would leave a replaced secret working for weeks. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    /** The current secret and at most two earlier ones in their grace period. */
    static final int MAX_LIVE_SECRETS = 3;

    /**
     * A client and the secret generated for it, which is shown once and never stored in plain text (null for
     * a client that authenticates with a key).
     */
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
        String method = request.tokenEndpointAuthMethod() == null ? Client.CLIENT_SECRET_BASIC : request.tokenEndpointAuthMethod();
        ClientRules.checkAuthMethod(method);
        List<String> audiences = request.allowedAudiences() == null ? List.of() : request.allowedAudiences();
        ClientRules.checkAudiences(audiences);
        String secret = null;
        Client client;
        if (Client.PRIVATE_KEY_JWT.equals(method)) {
            if (request.jwks() == null) {
                throw ApiException.badRequest("A private_key_jwt client needs jwks: its public keys");
            }
            client = Client.withKeys(request.clientId(), request.clientName(), ClientJwks.check(request.jwks()),
                    request.allowedScopes(), request.defaultScopes(), request.tokenLifetimeSeconds());
        } else {
            if (request.jwks() != null) {
                throw ApiException.badRequest("jwks is for token_endpoint_auth_method private_key_jwt");
            }
            secret = SecretGenerator.generate();
            client = new Client(request.clientId(), request.clientName(), secrets.hashGenerated(secret),
                    request.allowedScopes(), request.defaultScopes(), request.tokenLifetimeSeconds());
            client.changeAuthentication(method, null);
        }
        client.changeAudiences(audiences);
        clients.add(client);
        flushOrConflict();
        secretRotation.first(client);
        if (request.tokenLifetimeSeconds() != null) {
            signingKeys.coverTokenLifetime(request.tokenLifetimeSeconds());
        }
        return new ClientWithSecret(client, secret);
    }

    @Transactional
    public Client update(String clientId, ClientChanges changes, Collection<String> callerRoles) {
        Client client = live(clientId);
        requireCallerCovers(client, callerRoles);
        List<String> removedScopes = new ArrayList<>();
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
            // A scope taken away is taken from the tokens that carry it too.
            client.allowedScopes().stream().filter(scope -> !allowed.contains(scope)).forEach(removedScopes::add);
            client.changeScopes(allowed, defaults);
        }
        changeAuthentication(client, changes);
        boolean audienceRemoved = false;
        if (changes.allowedAudiences() != null) {
            ClientRules.checkAudiences(changes.allowedAudiences());
            audienceRemoved = !changes.allowedAudiences().containsAll(client.allowedAudiences());
            client.changeAudiences(changes.allowedAudiences());
        }
        boolean deactivated = changes.active() != null && client.isActive() && !changes.active();
        if (changes.active() != null) {
            client.setActive(changes.active());
        }
        if (changes.tokenLifetimeSeconds() != null) {
            Integer seconds = changes.tokenLifetimeSeconds().orElse(null);
            ClientRules.checkLifetime(seconds);
            client.changeTokenLifetime(seconds);
        }
        // After the flush: the cut-off's and the keys' own statements would flush the change, outside flushOrConflict.
        flushOrConflict();
        if (changes.tokenLifetimeSeconds() != null) {
            // The key signing this client's tokens must stay published as long as they may live.
            client.tokenLifetimeSeconds().ifPresent(signingKeys::coverTokenLifetime);
        }
        if (deactivated || audienceRemoved) {
            // An audience taken away is taken from the tokens issued for it too; cut-offs are per client and
            // scope, so every token of the client goes.
            cutoffs.cutOff(clientId);
        }
        if (removedScopes.stream().anyMatch(ScopePolicy::coversOthers)) {
            // Tokens granted under admin:full or manage:* carry the scopes they covered, which cannot all be
            // named here: every token of the client goes.
            cutoffs.cutOff(clientId);
        } else {
            removedScopes.forEach(scope -> cutoffs.cutOffScope(clientId, scope));
        }
        return client;
    }

    /**
     * A new method or key set. Replacing the JWK Set is how a key client rotates its keys; moving to a secret
     * needs a secret first ({@code regenerate-secret}), and moving to keys needs {@code jwks}.
     */
    private void changeAuthentication(Client client, ClientChanges changes) {
        if (changes.tokenEndpointAuthMethod() == null && changes.jwks() == null) {
            return;
        }
        if (isBootstrap(client)) {
            throw ApiException.conflict("The bootstrap client " + client.clientId() + " authenticates with SERVICE_CLIENT_SECRET");
        }
        String method = changes.tokenEndpointAuthMethod() != null ? changes.tokenEndpointAuthMethod() : client.authMethod();
        ClientRules.checkAuthMethod(method);
        if (Client.PRIVATE_KEY_JWT.equals(method)) {
            String jwks = changes.jwks() != null ? ClientJwks.check(changes.jwks()) : client.jwks();
            if (jwks == null) {
                throw ApiException.badRequest("A private_key_jwt client needs jwks: its public keys");
            }
            boolean hadSecret = client.hasSecret();
            client.changeAuthentication(method, jwks);
            if (hadSecret) {
                secretRotation.expireAll(client); // its earlier secrets, grace periods included, stop now
            }
        } else {
            if (changes.jwks() != null) {
                throw ApiException.badRequest("jwks is for token_endpoint_auth_method private_key_jwt");
            }
            if (!client.hasSecret()) {
                throw ApiException.conflict(client.clientId() + " has no secret yet: POST .../regenerate-secret first, "
                        + "then change token_endpoint_auth_method");
            }
            client.changeAuthentication(method, null);
        }
    }

    @Transactional
    public void delete(String clientId, Collection<String> callerRoles) {
        Client client = live(clientId);
        if (isBootstrap(client)) {
            throw ApiException.conflict("The bootstrap client " + clientId + " (SERVICE_CLIENT_ID) cannot be deleted");
        }
        requireCallerCovers(client, callerRoles);
        client.delete();
        flushOrConflict();
        secretRotation.expireAll(client);
        cutoffs.cutOff(clientId);
    }

    /**
     * A new secret. Without a grace period the earlier secrets stop working when this commits (a leak), and
     * so do the client's tokens unless {@code keepTokens}. With one, the secret it replaces keeps working
     * until the grace ends (a planned rollover), and the tokens are kept unless {@code keepTokens} is false.
     */
    @Transactional
    public ClientWithSecret regenerateSecret(String clientId, Boolean keepTokens, Duration grace,
                                             Collection<String> callerRoles) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ApiException.badRequest("grace_seconds must be between 0 and " + MAX_GRACE.toSeconds());
        }
        Client client = live(clientId);
        if (isBootstrap(client)) {
            throw ApiException.conflict("The secret of " + clientId + " is SERVICE_CLIENT_SECRET; change that and restart");
        }
        requireCallerCovers(client, callerRoles);
        if (!grace.isZero() && client.hasSecret() && SecretHasher.isSlow(client.secretHash())) {
            // A secret a person chose is checked slowly, within a server-wide budget: not twice per request.
            throw ApiException.conflict("The secret of " + clientId + " was chosen by a person, not generated; "
                    + "rotate it without a grace period");
        }
        if (!grace.isZero() && secretRotation.live(clientId).size() >= MAX_LIVE_SECRETS) {
            throw ApiException.conflict(clientId + " already has " + MAX_LIVE_SECRETS + " live secrets; retire an earlier "
                    + "one (DELETE .../secrets/{secret_id}) or rotate without a grace period");
        }
        String previousHash = client.secretHash();
        String secret = SecretGenerator.generate();
        client.replaceSecret(secrets.hashGenerated(secret));
        flushOrConflict();
        secretRotation.replaced(client, previousHash, grace);
        // A key client getting a secret is changing method, not recovering from a leak: its tokens stay.
        boolean keep = keepTokens != null ? keepTokens : !grace.isZero() || client.usesKeys();
        if (!keep) {
            cutoffs.cutOff(clientId);
        }
        return new ClientWithSecret(client, secret);
    }

    /** The client's secrets that still work, the current one first (ids and dates only leave this server). */
    public List<ClientSecret> secrets(String clientId) {
        return secretRotation.live(live(clientId).clientId());
    }

    /** Ends an earlier secret's grace period now; the current secret is replaced by a rotation instead. */
    @Transactional
    public void retireSecret(String clientId, String secretId, Collection<String> callerRoles) {
        Client client = live(clientId);
        requireCallerCovers(client, callerRoles);
        ClientSecret secret = secretRotation.live(clientId).stream()
                .filter(s -> s.secretId().equals(secretId)).findFirst()
                .orElseThrow(() -> ApiException.notFound(clientId + " has no live secret with this id"));
        if (secret.isCurrent()) {
            throw ApiException.conflict("This is the current secret of " + clientId + ": rotate it (regenerate-secret) instead");
        }
        secretRotation.retire(secret);
    }

    /** Every token the client holds stops working (incident response); the client itself stays as it is. */
    @Transactional
    public void revokeTokens(String clientId, Collection<String> callerRoles) {
        Client client = live(clientId);
        requireCallerCovers(client, callerRoles);
        cutoffs.cutOff(clientId);
    }

    public Client get(String clientId) {
        return live(clientId);
    }

    /**
     * Changing, rotating or deleting a client is taking its powers in hand: the caller must hold every
     * {@code admin:*} scope the client may hold, or a holder of {@code admin:oauth} could take over an
     * {@code admin:full} client by rotating its secret.
     */
    private static void requireCallerCovers(Client client, Collection<String> callerRoles) {
        for (String scope : client.allowedScopes()) {
            if (!ScopePolicy.mayDelegate(callerRoles, scope)) {
                throw new ApiException(403, "Only a caller holding " + scope + " (or admin:full) may change "
                        + client.clientId() + ", which is allowed it");
            }
        }
    }

    /** A text that cannot be a client id ({@link ClientId#mayNameAClient}) names no client, without a query. */
    private Client live(String clientId) {
        return (ClientId.mayNameAClient(clientId) ? clients.findLive(clientId) : Optional.<Client>empty())
                .orElseThrow(() -> ApiException.notFound("No client " + clientId));
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
            if (DatabaseErrors.isUniqueViolation(e)) {
                throw ApiException.conflict("A client with this client_id was created by a concurrent request");
            }
            throw e;
        }
    }
}
