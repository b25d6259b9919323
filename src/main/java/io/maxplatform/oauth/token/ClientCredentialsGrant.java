package io.maxplatform.oauth.token;

import io.maxplatform.oauth.audit.TokenIssued;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientAuthenticator;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.scope.ScopePolicy;
import io.maxplatform.oauth.scope.ScopeRegistry;
import io.maxplatform.oauth.scope.ScopeSyntax;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The Client Credentials Grant, RFC 6749 §4.4: authenticate the client, decide the scopes, sign the token,
 * record it. No refresh token (§4.4.3).
 */
@ApplicationScoped
public class ClientCredentialsGrant {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    ScopeRegistry scopes;

    @Inject
    AccessTokenIssuer issuer;

    @Inject
    ServerSettings settings;

    @Inject
    Event<TokenIssued> issued;

    public record Result(AccessTokenIssuer.AccessToken token, long expiresIn, String scope) {
    }

    public Result grant(TokenRequest request, String sourceAddress) {
        Client client = authenticator.authenticate(request.credentials(), sourceAddress);
        if (!client.mayUse(Client.CLIENT_CREDENTIALS)) {
            throw OAuthException.unauthorizedClient();
        }
        List<String> requested = request.scope().map(ScopeSyntax::parse).orElse(List.of());
        ScopePolicy.Grant grant = scopes.policy().grant(requested, client.allowedScopes(), client.defaultScopes());
        Duration lifetime = client.tokenLifetimeSeconds().map(s -> Duration.ofSeconds(s))
                .orElse(settings.tokenLifetime());
        AccessTokenIssuer.AccessToken token = issuer.issue(client.clientId(), grant, lifetime);
        issued.fire(new TokenIssued(client.clientId(), grant.scopeString(), token.tokenId(), sourceAddress));
        return new Result(token, lifetime.toSeconds(), grant.scopeString());
    }
}
