package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditLogRepository;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/admin/oauth/service/audit-logs}: the audit trail, newest first. */
@Path("api/admin/oauth/service/audit-logs")
@DenyAll
@Tag(name = "Service admin", description = "Requires a Bearer token with admin:oauth (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:oauth")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:oauth",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
public class AuditLogsResource {

    static final int MAX_FILTER_LENGTH = 200;

    @Inject
    AdminCalls calls;

    @Inject
    AuditLogRepository search;

    @Operation(summary = "The audit trail, newest first, filtered and paged")
    @APIResponse(responseCode = "200", description = "A page of audit rows")
    @APIResponse(responseCode = "400", description = "A bad filter or page",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @GET
    @RolesAllowed("admin:oauth")
    @Produces(MediaType.APPLICATION_JSON)
    public PageView<AuditLogView> list(@QueryParam("page") String page, @QueryParam("size") String size,
                                       @QueryParam("client_id") String clientId, @QueryParam("action") String action,
                                       @QueryParam("success") String success, @QueryParam("since") String since,
                                       @QueryParam("until") String until) {
        return calls.read("admin_audit_logs_read", null, () -> {
            Paging paging = Paging.of(page, size);
            AuditLogRepository.Filter filter = new AuditLogRepository.Filter(
                    QueryParameters.text("client_id", clientId, MAX_FILTER_LENGTH),
                    QueryParameters.text("action", action, MAX_FILTER_LENGTH), QueryParameters.bool("success", success),
                    QueryParameters.time("since", since), QueryParameters.time("until", until));
            return new PageView<>(search.find(filter, paging.offset(), paging.size()).stream().map(AuditLogView::of).toList(),
                    paging.page(), paging.size(), search.count(filter));
        });
    }
}
