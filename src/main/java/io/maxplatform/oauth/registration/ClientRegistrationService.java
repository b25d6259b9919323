package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.authentication.ClientSecrets;
import io.maxplatform.oauth.authentication.SecretGenerator;
import io.maxplatform.oauth.authentication.SecretHasher;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientAuthentication;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.client.ClientSecret;
import io.maxplatform.oauth.client.SecretRotation;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.scope.ScopeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Registering and changing service clients. Each method joins the caller's transaction, so the change and
 * its audit row commit together; a concurrent change is detected by the client's version and refused with
 * 409, never half-applied. Which tokens each change kills is {@link TokenKill}'s to say; {@link ClientWrites}
 * writes the change before anything that follows from it.
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
    SecretRotation secretRotation;

    @Inject
    ClientAccess access;

    @Inject
    ClientEdit edit;

    @Inject
    ClientWrites writes;

    @Inject
    AuthenticationSetup authenticationSetup;

    /** A fleet rolls over within days; a longer grace would leave a replaced secret working for weeks. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    /** The current secret and at most two earlier ones in their grace period. */
    static final int MAX_LIVE_SECRETS = 3;

    /**
     * A client and the secret generated for it, which is shown once and never stored in plain text (null for
     * a client that authenticates with a key or an identity token).
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
        List<String> audiences = request.allowedAudiences() == null ? List.of() : request.allowedAudiences();
        ClientRules.checkAudiences(audiences);
        RequestedAuthentication authentication = request.authentication();
        String method = authentication.method() == null ? ClientAuthentication.CLIENT_SECRET_BASIC : authentication.method();
        ClientRules.checkAuthMethod(method);
        Client client = new Client(request.clientId(), request.clientName(), null, request.allowedScopes(),
                request.defaultScopes(), request.tokenLifetimeSeconds());
        String secret = null;
        if (ClientAuthentication.isSecretMethod(method)) {
            secret = SecretGenerator.generate();
            client.replaceSecret(secrets.hashGenerated(secret));
        }
        authenticationSetup.apply(client, authentication.withMethod(method));
        client.changeAudiences(audiences);
        writes.add(client);
        return new ClientWithSecret(client, secret);
    }

    @Transactional
    public Client update(String clientId, ClientChanges changes, Collection<String> callerRoles) {
        Client client = access.changeable(clientId, callerRoles);
        if (client.version() != changes.version()) {
            throw ApiException.conflict("The client changed since version " + changes.version()
                    + " (now " + client.version() + "); read it again and retry");
        }
        writes.save(client, edit.apply(client, changes, callerRoles));
        return client;
    }

    @Transactional
    public void delete(String clientId, Collection<String> callerRoles) {
        Client client = access.live(clientId);
        if (access.isBootstrap(client)) {
            throw ApiException.conflict("The bootstrap client " + clientId + " (SERVICE_CLIENT_ID) cannot be deleted");
        }
        ClientAccess.requireCallerCovers(client, callerRoles);
        client.delete();
        writes.save(client, new ClientWrites.FollowUp(rotation -> rotation.expireAll(client), false,
                TokenKill.ofDeletion()));
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
        Client client = access.live(clientId);
        if (access.isBootstrap(client)) {
            throw ApiException.conflict("The secret of " + clientId + " is SERVICE_CLIENT_SECRET; change that and restart");
        }
        ClientAccess.requireCallerCovers(client, callerRoles);
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
        writes.save(client, new ClientWrites.FollowUp(rotation -> rotation.replaced(client, previousHash, grace), false,
                TokenKill.ofSecretRegeneration(keepTokens, grace, !client.authentication().usesSecret())));
        return new ClientWithSecret(client, secret);
    }

    /** The client's secrets that still work, the current one first (ids and dates only leave this server). */
    public List<ClientSecret> secrets(String clientId) {
        return secretRotation.live(access.live(clientId).clientId());
    }

    /** Ends an earlier secret's grace period now; the current secret is replaced by a rotation instead. */
    @Transactional
    public void retireSecret(String clientId, String secretId, Collection<String> callerRoles) {
        access.changeable(clientId, callerRoles);
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
        writes.save(access.changeable(clientId, callerRoles), ClientWrites.FollowUp.tokens(TokenKill.ofRevocation()));
    }

    public Client get(String clientId) {
        return access.live(clientId);
    }
}
