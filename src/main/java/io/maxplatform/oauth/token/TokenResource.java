package io.maxplatform.oauth.token;

import io.maxplatform.oauth.audit.TokenRequestRefused;
import io.maxplatform.oauth.config.BoundedBody;
import io.maxplatform.oauth.error.DatabaseErrors;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.logging.Logger;

/**
 * {@code POST /api/oauth/token}. It reads the raw body so it can refuse repeated parameters and parameters in
 * the URL, and answers every request, success or refusal, with exactly one audit row.
 */
@Path("api/oauth/token")
@PermitAll
public class TokenResource {

    /** One factory: {@code Json.createObjectBuilder()} looks the provider up through the class loader on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);

    private static final Logger LOG = Logger.getLogger(TokenResource.class.getName());

    @Inject
    ClientCredentialsGrant grant;

    @Inject
    Event<TokenRequestRefused> refused;

    @Context
    HttpServletRequest servletRequest;

    @POST
    public Response token(@Context HttpHeaders headers, InputStream input) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String source = servletRequest.getRemoteAddr();
        String body = BoundedBody.read(input, ClientAuthentication.MAX_BODY_BYTES).orElse(null);
        try {
            TokenRequest request = TokenRequest.parse(body, headers.getMediaType(), authorization,
                    servletRequest.getQueryString() != null);
            ClientCredentialsGrant.Result result = grant.grant(request, source);
            String json = JSON.createObjectBuilder()
                    .add("access_token", result.token().value())
                    .add("token_type", "Bearer")
                    .add("expires_in", result.expiresIn())
                    .add("scope", result.scope())
                    .build().toString();
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Pragma", "no-cache")
                    .build();
        } catch (OAuthException e) {
            refused.fire(new TokenRequestRefused(ClaimedClientId.of(body, authorization), e.error(), e.auditReason(), source));
            throw e;
        } catch (RuntimeException e) {
            // The failure itself is answered by the mappers (503 or 500); the attempt is still recorded if it can be.
            String reason = DatabaseErrors.isDatabaseFailure(e) ? "database_unavailable" : "internal_error";
            try {
                refused.fire(new TokenRequestRefused(ClaimedClientId.of(body, authorization), "server_error", reason, source));
            } catch (RuntimeException auditAlsoFailed) {
                LOG.warning("Token request from " + source + " failed (" + reason + ") and could not be audited");
            }
            throw e;
        }
    }
}
