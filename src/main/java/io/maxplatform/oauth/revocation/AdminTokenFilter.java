package io.maxplatform.oauth.revocation;

import io.maxplatform.oauth.error.ErrorResponses;
import io.maxplatform.oauth.token.VerifiedToken;
import io.maxplatform.oauth.web.AccessDenials;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The admin API's bearer token (the {@code @DenyAll} resources), checked right after MicroProfile JWT has
 * accepted it, by the same rules introspection applies ({@link LiveTokens}): MicroProfile JWT's cached JWKS may
 * still hold a key withdrawn since, it checks neither {@code iat} nor {@code nbf}, and it knows nothing of
 * revocations and cut-offs, including those made through another instance (operators.md, "Running several
 * instances"). A token that cannot be checked is refused, never waved through.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class AdminTokenFilter implements ContainerRequestFilter {

    @Inject
    LiveTokens tokens;

    @Inject
    AccessDenials denials;

    @Context
    HttpServletRequest request;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext context) {
        // Decided by the matched resource, not the path text (matrix parameters such as "api;x/admin" still match).
        Class<?> resource = resourceInfo.getResourceClass();
        Principal principal = context.getSecurityContext().getUserPrincipal();
        if (resource == null || !resource.isAnnotationPresent(DenyAll.class)) {
            return;
        }
        if (principal == null) {
            // @RolesAllowed refuses it too, where the runtime enforces it (RESTEasy only when configured to):
            // never rely on that for the admin API.
            throw new NotAuthorizedException(ErrorResponses.bearerChallenge(false));
        }
        String refusal = refusal(principal);
        if (refusal != null) {
            denials.record(request, principal.getName(), refusal);
            context.abortWith(Response.fromResponse(ErrorResponses.detail(401, ErrorResponses.INVALID_TOKEN_DETAIL))
                    .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.bearerChallenge(true))
                    .build());
        }
    }

    /** Why the caller's token is refused, or null when it may be used. */
    String refusal(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            return "Token of unknown kind";
        }
        VerifiedToken checked = tokens.check(token.getRawToken());
        return checked.isValid() ? null : checked.refusal();
    }
}
