package io.maxplatform.oauth.revocation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.maxplatform.oauth.authentication.ClientRequests;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.token.AccessTokenVerifier;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /api/oauth/revoke}, RFC 7009: a client revokes one of its own access tokens before it expires.
 * The admin API refuses a revoked token from then on ({@link AdminTokenFilter}).
 */
@Path("api/oauth/revoke")
@PermitAll
public class RevocationResource {

    static final String ACTION = "token_revoked";

    @Inject
    ClientRequests requests;

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    RevokedTokens revoked;

    @POST
    public void revoke(@Context HttpHeaders headers, InputStream input, @Suspended AsyncResponse async) {
        requests.answer(async, () -> revoke(headers, input));
    }

    private Response revoke(HttpHeaders headers, InputStream input) {
        requests.serveChange(requests.call(ACTION), headers, input, (request, call) -> {
            RegisteredClient client = request.client();
            String token = request.required("token");
            Optional<JWTClaimsSet> claims = verifier.check(token).claims();
            if (claims.isPresent()) {
                String owner = (String) claims.get().getClaim("client_id");
                if (!client.clientId().equals(owner)) {
                    throw new OAuthException("unauthorized_client", 400, "The token was not issued to this client",
                            "not_token_owner");
                }
                revoked.revoke(claims.get().getJWTID(), owner, claims.get().getExpirationTime().toInstant());
                call.tokenId(claims.get().getJWTID());
            } else {
                // RFC 7009 §2.2: an invalid or unknown token is answered like a revoked one.
                call.detail("not a valid token");
            }
            return null;
        });
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
