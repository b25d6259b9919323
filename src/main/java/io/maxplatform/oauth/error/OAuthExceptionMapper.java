package io.maxplatform.oauth.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {

    @Override
    public Response toResponse(OAuthException e) {
        Response response = ErrorResponses.oauth(e.status(), e.error(), e.description());
        if (e.retryAfterSeconds().isPresent()) {
            return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds().get()).build();
        }
        if (e.status() == 401) {
            // RFC 6749 §5.2: a 401 for failed client authentication MUST carry a challenge.
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.BASIC_CHALLENGE)
                    .build();
        }
        return response;
    }
}
