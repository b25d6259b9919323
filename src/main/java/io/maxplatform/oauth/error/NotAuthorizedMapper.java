package io.maxplatform.oauth.error;

import io.maxplatform.oauth.audit.AdminActionRefused;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A protected resource reached without a (Bearer) token. Invalid tokens are refused earlier, by the
 * container; {@link ContainerErrorServlet} answers those.
 */
@Provider
public class NotAuthorizedMapper implements ExceptionMapper<NotAuthorizedException> {

    @Context
    HttpServletRequest request;

    @Inject
    Event<AdminActionRefused> refused;

    @Override
    public Response toResponse(NotAuthorizedException e) {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        refused.fire(new AdminActionRefused(AdminActionRefused.ACCESS_DENIED, null,
                request.getMethod() + " " + request.getRequestURI(),
                presented ? "Not a Bearer token" : "No token", request.getRemoteAddr()));
        return Response.fromResponse(ErrorResponses.detail(401, ErrorResponses.INVALID_TOKEN_DETAIL))
                .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.bearerChallenge(presented))
                .build();
    }
}
