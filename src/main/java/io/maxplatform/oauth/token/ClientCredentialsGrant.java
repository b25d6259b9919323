package io.maxplatform.oauth.token;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.authentication.ClientRequest;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.scope.ScopePolicy;
import io.maxplatform.oauth.scope.ScopeRegistry;
import io.maxplatform.oauth.scope.ScopeSyntax;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The Client Credentials Grant, RFC 6749 §4.4: authenticate the client, decide the scopes (§3.3), sign the
 * token. No refresh token (§4.4.3).
 */
@ApplicationScoped
public class ClientCredentialsGrant implements Grant {

    static final String SCOPE = "scope";

    @Inject
    ScopeRegistry scopes;

    @Inject
    AccessTokenIssuer issuer;

    @Inject
    ServerSettings settings;

    @Override
    public String type() {
        return Client.CLIENT_CREDENTIALS;
    }

    @Override
    public IssuedToken issue(ClientRequest request, AuditedCall call) {
        Client client = request.client();
        if (!client.mayUse(Client.CLIENT_CREDENTIALS)) {
            throw OAuthException.unauthorizedClient();
        }
        List<String> requested = request.form().get(SCOPE).map(ScopeSyntax::parse).orElse(List.of());
        ScopePolicy.Grant grant = scopes.policy().grant(requested, client.allowedScopes(), client.defaultScopes());
        Duration lifetime = client.tokenLifetimeSeconds().map(s -> Duration.ofSeconds(s))
                .orElse(settings.tokenLifetime());
        AccessTokenIssuer.AccessToken token = issuer.issue(client.clientId(), grant, lifetime);
        call.scope(grant.scopeString()).tokenId(token.tokenId());
        return new IssuedToken(token.value(), lifetime.toSeconds(), grant.scopeString());
    }
}
