package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditLogEntry;
import io.maxplatform.oauth.audit.AuditStatisticsRepository;
import io.maxplatform.oauth.client.ClientRepository;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/admin/oauth/service/statistics}: clients, tokens issued, failed authentications. */
@Path("api/admin/oauth/service/statistics")
@DenyAll
@Tag(name = "Service admin", description = "Requires a Bearer token with admin:oauth (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:oauth")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:oauth",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
public class StatisticsResource {

    static final int TOP = 20;

    @Inject
    AdminCalls calls;

    @Inject
    ClientRepository clients;

    @Inject
    AuditStatisticsRepository audit;

    @Operation(summary = "Figures on clients, tokens and failed authentications")
    // A lone method-level response hides the class-level ones in Payara's document; a container keeps them.
    @APIResponses(@APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(schema = @Schema(implementation = StatisticsView.class))))
    @GET
    @RolesAllowed("admin:oauth")
    @Produces(MediaType.APPLICATION_JSON)
    public StatisticsView statistics() {
        return calls.read("admin_statistics_read", null, () -> {
            OffsetDateTime since = audit.windowStart();
            return new StatisticsView(
                    clients.countAll(),
                    clients.countActive(),
                    audit.tokensIssued(since),
                    audit.tokensIssued(),
                    audit.failedAuthentications(since),
                    audit.tokensPerClient(since, TOP).stream().map(StatisticsView.ClientCount::of).toList(),
                    audit.topScopes(since, TOP).stream().map(StatisticsView.ScopeCount::of).toList(),
                    since.toString(),
                    OffsetDateTime.now(ZoneOffset.UTC).toString());
        });
    }
}
