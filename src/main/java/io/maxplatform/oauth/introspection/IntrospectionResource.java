package io.maxplatform.oauth.introspection;

import com.nimbusds.jwt.JWTClaimsSet;
import io.maxplatform.oauth.authentication.ClientRequests;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.revocation.LiveTokens;
import io.maxplatform.oauth.token.VerifiedToken;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /api/oauth/introspect}, RFC 7662: whether a token is active (signed by this server, unexpired,
 * not revoked) and what it grants, {@code aud} included: a token may be for any audience a client was allowed
 * (RFC 8707), and the resource server asking must check that {@code aud} names it (RFC 7662 §4), as it would
 * verifying the JWT itself. Only the token's own client, and resource servers allowed
 * {@value #INTROSPECT_TOKENS}, learn about a token; to any other client every token is
 * {@code {"active":false}}, so a client cannot probe others' tokens.
 */
@Path("api/oauth/introspect")
@PermitAll
public class IntrospectionResource {

    /** One factory: {@code Json.createObjectBuilder()} looks the provider up through the class loader on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);

    static final String ACTION = "token_introspected";
    static final String INTROSPECT_TOKENS = "introspect:tokens";

    @Inject
    ClientRequests requests;

    @Inject
    LiveTokens tokens;

    @POST
    public void introspect(@Context HttpHeaders headers, InputStream input, @Suspended AsyncResponse async) {
        requests.answer(async, () -> introspect(headers, input));
    }

    private Response introspect(HttpHeaders headers, InputStream input) {
        String json = requests.serve(requests.call(ACTION), headers, input, (request, call) -> {
            RegisteredClient client = request.client();
            String token = request.required("token");
            VerifiedToken checked = tokens.check(token);
            boolean permitted = !checked.isValid() || client.allowedScopes().contains(INTROSPECT_TOKENS)
                    || client.clientId().equals(checked.claim("client_id"));
            Optional<JWTClaimsSet> claims = checked.claims().filter(c -> permitted);
            JsonObjectBuilder body = JSON.createObjectBuilder().add("active", claims.isPresent());
            claims.ifPresent(c -> body
                    .add("scope", String.valueOf(c.getClaim("scope")))
                    .add("client_id", String.valueOf(c.getClaim("client_id")))
                    .add("sub", c.getSubject())
                    // RFC 7662 §2.2 / RFC 7519 §4.1.3: one audience as a string, several as an array.
                    .add("aud", c.getAudience().size() == 1 ? Json.createValue(c.getAudience().get(0))
                            : JSON.createArrayBuilder(c.getAudience()).build())
                    .add("iss", c.getIssuer())
                    .add("exp", c.getExpirationTime().getTime() / 1000)
                    .add("iat", c.getIssueTime().getTime() / 1000)
                    .add("jti", c.getJWTID())
                    .add("token_type", "Bearer"));
            call.tokenId(claims.map(JWTClaimsSet::getJWTID).orElse(null))
                    .detail("active=" + claims.isPresent() + (permitted ? "" : " (another client's token)"));
            return body.build().toString();
        });
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
