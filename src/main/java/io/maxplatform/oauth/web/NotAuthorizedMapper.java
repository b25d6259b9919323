package io.maxplatform.oauth.web;

import io.maxplatform.oauth.error.ErrorResponses;
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
    AccessDenials denials;

    @Override
    public Response toResponse(NotAuthorizedException e) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean presented = authorization != null;
        boolean bearer = presented && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        denials.record(request, null, !presented ? "No token" : bearer ? "Invalid token" : "Not a Bearer token");
        return Response.fromResponse(ErrorResponses.detail(401, ErrorResponses.INVALID_TOKEN_DETAIL))
                .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.bearerChallenge(presented))
                .build();
    }
}
