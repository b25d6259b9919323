package io.maxplatform.oauth.revocation;

import io.maxplatform.oauth.error.ErrorResponses;
import io.maxplatform.oauth.web.AccessDenials;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * MicroProfile JWT checks a token's signature and claims but cannot know it was revoked: this refuses a
 * revoked token at every protected resource (the {@code @DenyAll} admin resources) like any invalid one. It needs the database, so when that is down the
 * request fails (503) rather than skipping the check.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class RevocationFilter implements ContainerRequestFilter {

    @Inject
    RevokedTokenRepository revoked;

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
        if (resource == null || !resource.isAnnotationPresent(DenyAll.class)
                || !(context.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)
                || token.getTokenID() == null) {
            return;
        }
        if (revoked.isRevoked(token.getTokenID())) {
            denials.record(request, token.getSubject(), "Revoked token");
            context.abortWith(Response.fromResponse(ErrorResponses.detail(401, ErrorResponses.INVALID_TOKEN_DETAIL))
                    .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.bearerChallenge(true))
                    .build());
        }
    }
}
