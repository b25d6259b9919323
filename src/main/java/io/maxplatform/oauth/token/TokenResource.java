package io.maxplatform.oauth.token;

import io.maxplatform.oauth.audit.AuditLogEntry;
import io.maxplatform.oauth.authentication.ClientRequests;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code POST /api/oauth/token}. Every request, issued or refused, leaves exactly one audit row; an issued
 * token's row commits before the token is returned.
 */
@Path("api/oauth/token")
@PermitAll
public class TokenResource {

    /** One factory: {@code Json.createObjectBuilder()} looks the provider up through the class loader on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);
    static final String GRANT_TYPE = "grant_type";

    @Inject
    ClientRequests requests;

    @Inject
    Grants grants;

    @Inject
    ServerMetrics metrics;

    @POST
    public void token(@Context HttpHeaders headers, InputStream input, @Suspended AsyncResponse async) {
        long started = System.nanoTime();
        // Until the answer is written: a throttled request's deliberate delay counts, as its client waits it.
        async.register((CompletionCallback) failure -> metrics.tokenEndpointAnswered(System.nanoTime() - started));
        requests.answer(async, () -> issue(headers, input));
    }

    private Response issue(HttpHeaders headers, InputStream input) {
        var call = requests.call(AuditLogEntry.TOKEN_ISSUED).refusedAs(AuditLogEntry.TOKEN_REQUEST_FAILED);
        Grant.IssuedToken token = requests.serve(call, headers, input, (request, audit) -> {
            Grant grant = grants.forType(request.required(GRANT_TYPE)).orElseThrow(OAuthException::unsupportedGrantType);
            return grant.issue(request, audit);
        });
        String json = JSON.createObjectBuilder()
                .add("access_token", token.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", token.expiresIn())
                .add("scope", token.scope())
                .build().toString();
        // RFC 6749 §5.1: a response carrying a token is never cached.
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
