package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.scope.ScopeRegistry;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/admin/oauth/service/scopes}: the scope registry with descriptions. */
@Path("api/admin/oauth/service/scopes")
@DenyAll
@Tag(name = "Service admin", description = "Requires a Bearer token with admin:oauth (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:oauth")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:oauth",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
public class ScopesResource {

    @Inject
    AdminCalls calls;

    @Inject
    ScopeRegistry registry;

    public record ScopeView(@JsonbProperty("scope") String scope, @JsonbProperty("description") String description,
                            @JsonbProperty("category") String category) {
    }

    public record ScopesView(@JsonbProperty("items") List<ScopeView> items) {
    }

    @Operation(summary = "The scope registry with descriptions")
    // A lone method-level response hides the class-level ones in Payara's document; a container keeps them.
    @APIResponses(@APIResponse(responseCode = "200", description = "Every scope a client may be allowed",
            content = @Content(schema = @Schema(implementation = ScopesView.class))))
    @GET
    @RolesAllowed("admin:oauth")
    @Produces(MediaType.APPLICATION_JSON)
    public ScopesView scopes() {
        return calls.read("admin_scopes_read", null, () -> new ScopesView(registry.all().stream()
                .map(s -> new ScopeView(s.name(), s.description(), s.category())).toList()));
    }
}
