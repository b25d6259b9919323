package io.maxplatform.oauth.web;

import io.maxplatform.oauth.error.ErrorResponses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;

/** A valid token without the endpoint's scope: 403 naming the scope (RFC 6750 §3.1 insufficient_scope). */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest request;

    @Inject
    AccessDenials denials;

    @Override
    public Response toResponse(ForbiddenException e) {
        String scope = requiredScope();
        Principal caller = request.getUserPrincipal();
        denials.record(request, caller == null ? null : caller.getName(), "Missing required scopes: " + scope);
        return Response.fromResponse(ErrorResponses.detail(403, "Missing required scopes: " + scope))
                .header(HttpHeaders.WWW_AUTHENTICATE,
                        ErrorResponses.BEARER_REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"")
                .build();
    }

    /** The first role of the matched method: by convention the endpoint's own scope, before {@code admin:full}. */
    private String requiredScope() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null && resourceInfo != null && resourceInfo.getResourceClass() != null) {
            roles = resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null || roles.value().length == 0 ? "admin:oauth" : roles.value()[0];
    }
}
