package io.maxplatform.oauth.admin;

import com.nimbusds.jwt.JWTClaimsSet;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.revocation.RevokedTokens;
import io.maxplatform.oauth.token.AccessTokenVerifier;
import io.maxplatform.oauth.web.BoundedBody;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/oauth/service/tokens}: incident response on single tokens, whoever holds them. */
@Path("api/admin/oauth/service/tokens")
@DenyAll
@Tag(name = "Service admin", description = "Requires a Bearer token with admin:oauth (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:oauth")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:oauth",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
public class TokensResource {

    static final int MAX_BODY_BYTES = 16 * 1024;

    @Inject
    AdminCalls calls;

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    RevokedTokens revoked;

    @Operation(summary = "Revoke one token of any client, by its value: {\"token\": \"…\"}")
    @APIResponse(responseCode = "204", description = "Refused from the next request on")
    @APIResponse(responseCode = "400", description = "Not a valid, unexpired token of this server",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @POST
    @Path("revoke")
    @RolesAllowed("admin:oauth")
    public Response revoke(InputStream input) {
        String body = BoundedBody.read(input, MAX_BODY_BYTES).orElse(null);
        calls.perform("admin_token_revoked", call -> {
            String token = JsonBody.parse(JsonBody.within(body, MAX_BODY_BYTES), Set.of("token")).requiredString("token");
            JWTClaimsSet claims = verifier.check(token).claims()
                    .orElseThrow(() -> ApiException.badRequest("token is not a valid, unexpired token of this server"));
            revoked.revoke(claims.getJWTID(), String.valueOf(claims.getClaim("client_id")),
                    claims.getExpirationTime().toInstant());
            call.target("jti " + claims.getJWTID());
            return null;
        });
        return Response.noContent().build();
    }
}
