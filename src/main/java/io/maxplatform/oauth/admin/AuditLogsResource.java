package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditLogRepository;
import io.maxplatform.oauth.error.ApiException;
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

/** {@code GET /api/admin/oauth/service/audit-logs}: the audit trail, newest first, paged by cursor. */
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
    /** Offset paging reads and skips every earlier row: kept where that stays cheap. */
    static final int MAX_OFFSET = 10_000;

    @Inject
    AdminCalls calls;

    @Inject
    AuditLogRepository search;

    @Operation(summary = "The audit trail, newest first, filtered and paged by cursor",
            description = "Pass next_cursor back as cursor for the next page. page (offset paging) is kept for the first "
                    + MAX_OFFSET + " rows; past them, use the cursor.")
    @APIResponse(responseCode = "200", description = "A page of audit rows",
            content = @Content(schema = @Schema(implementation = AuditLogPageView.class)))
    @APIResponse(responseCode = "400", description = "A bad filter, page or cursor, or a filter too broad to answer in time",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @GET
    @RolesAllowed("admin:oauth")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditLogPageView list(@QueryParam("page") String page, @QueryParam("size") String size,
                                 @QueryParam("cursor") String cursor,
                                 @QueryParam("client_id") String clientId, @QueryParam("action") String action,
                                 @QueryParam("success") String success, @QueryParam("since") String since,
                                 @QueryParam("until") String until) {
        return calls.read("admin_audit_logs_read", null, () -> {
            Paging paging = Paging.of(page, size);
            AuditLogRepository.Position after = AuditCursor.decode(cursor);
            if (after != null && paging.page() > 1) {
                throw ApiException.badRequest("cursor and page cannot be combined: the cursor says where the page starts");
            }
            if (paging.offset() > MAX_OFFSET) {
                throw ApiException.badRequest("page reaches past the first " + MAX_OFFSET + " rows: follow next_cursor instead");
            }
            AuditLogRepository.Filter filter = new AuditLogRepository.Filter(
                    QueryParameters.text("client_id", clientId, MAX_FILTER_LENGTH),
                    QueryParameters.text("action", action, MAX_FILTER_LENGTH), QueryParameters.bool("success", success),
                    QueryParameters.time("since", since), QueryParameters.time("until", until));
            AuditLogRepository.Page found = search.find(filter, after, paging.offset(), paging.size());
            return new AuditLogPageView(found.rows().stream().map(AuditLogView::of).toList(), paging.page(), paging.size(),
                    found.next() != null, found.next() == null ? null : AuditCursor.encode(found.next()));
        });
    }
}
