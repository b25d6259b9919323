package io.maxplatform.oauth.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404, 405, 415 and the like from JAX-RS, in the documented JSON shape instead of the container's HTML. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        String reason = original.getStatusInfo().getReasonPhrase();
        Response.ResponseBuilder builder = Response.fromResponse(
                ErrorResponses.detail(original.getStatus(), reason == null ? "Request refused" : reason));
        if (original.getHeaderString("Allow") != null) {
            builder.header("Allow", original.getHeaderString("Allow"));
        }
        return builder.build();
    }
}
