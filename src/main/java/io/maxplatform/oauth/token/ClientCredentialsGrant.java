package io.maxplatform.oauth.token;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.authentication.ClientRequest;
import io.maxplatform.oauth.authentication.FormBody;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.scope.ScopePolicy;
import io.maxplatform.oauth.scope.ScopeRegistry;
import io.maxplatform.oauth.scope.ScopeSyntax;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RegisteredClient Credentials Grant, RFC 6749 §4.4: authenticate the client, decide the scopes (§3.3), sign the
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
        RegisteredClient client = request.client();
        if (!client.mayUse(Client.CLIENT_CREDENTIALS)) {
            throw OAuthException.unauthorizedClient();
        }
        List<String> requested = request.form().get(SCOPE).map(ScopeSyntax::parse).orElse(List.of());
        ScopePolicy.Grant grant = scopes.policy().grant(requested, client.allowedScopes(), client.defaultScopes());
        Duration lifetime = client.tokenLifetimeSeconds().map(s -> Duration.ofSeconds(s))
                .orElse(settings.tokenLifetime());
        List<String> audiences = audiences(request.form().all(FormBody.RESOURCE), client);
        AccessTokenIssuer.AccessToken token = issuer.issue(client.clientId(), grant, lifetime, audiences);
        call.scope(grant.scopeString()).tokenId(token.tokenId()).audience(String.join(" ", audiences));
        return new IssuedToken(token.value(), lifetime.toSeconds(), grant.scopeString());
    }

    /**
     * The token's {@code aud} (RFC 8707 §2): each {@code resource} the client asked for, which must be the
     * server's own audience or one it was allowed; without one, the server's own audience. A fragment is
     * never a resource indicator.
     */
    private List<String> audiences(List<String> resources, RegisteredClient client) {
        if (resources.isEmpty()) {
            return List.of(settings.audience());
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String resource : resources) {
            if (resource.isEmpty() || resource.contains("#")) {
                throw OAuthException.invalidTarget("A resource must be an absolute URI without a fragment, or an audience name");
            }
            if (!resource.equals(settings.audience()) && !client.allowedAudiences().contains(resource)) {
                throw OAuthException.invalidTarget("The client may not ask for a token for this resource");
            }
            chosen.add(resource);
        }
        return List.copyOf(chosen);
    }
}
