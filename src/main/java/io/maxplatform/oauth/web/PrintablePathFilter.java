package io.maxplatform.oauth.web;

import io.maxplatform.oauth.error.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Refuses a path parameter holding a control character (a decoded {@code %00}, say) with 400 before any
 * resource looks it up. Payara refuses such paths itself; WildFly hands them over decoded.
 */
@Provider
@Priority(Priorities.USER)
public class PrintablePathFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext context) {
        for (List<String> values : context.getUriInfo().getPathParameters().values()) {
            for (String value : values) {
                if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    context.abortWith(ErrorResponses.detail(400, "Path segments must be printable characters"));
                    return;
                }
            }
        }
    }
}
