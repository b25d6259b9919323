package io.maxplatform.oauth.error;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A protected resource reached without a (Bearer) token. Invalid tokens are refused earlier, by the
 * container; {@link AuthenticationErrorServlet} answers those.
 */
@Provider
public class NotAuthorizedMapper implements ExceptionMapper<NotAuthorizedException> {

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(NotAuthorizedException e) {
        boolean presented = headers != null && headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        return Response.fromResponse(ErrorResponses.detail(401, ErrorResponses.INVALID_TOKEN_DETAIL))
                .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.bearerChallenge(presented))
                .build();
    }
}
