package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AdminActionPerformed;
import io.maxplatform.oauth.audit.AuditRecorder;
import io.maxplatform.oauth.audit.AuditStatistics;
import io.maxplatform.oauth.client.ClientRepository;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code GET /api/admin/oauth/service/statistics}: figures on clients, tokens and failed authentications. */
@Path("api/admin/oauth/service/statistics")
@DenyAll
public class StatisticsResource {

    @Inject
    ClientRepository clients;

    @Inject
    AuditStatistics audit;

    @Inject
    JsonWebToken caller;

    @Inject
    Event<AdminActionPerformed> actions;

    @Context
    HttpServletRequest request;

    @GET
    @RolesAllowed("admin:oauth")
    @Produces(MediaType.APPLICATION_JSON)
    public StatisticsView statistics() {
        OffsetDateTime dayAgo = OffsetDateTime.now().minusHours(24);
        StatisticsView view = new StatisticsView(
                clients.countAll(),
                clients.countActive(),
                audit.count(AuditRecorder.TOKEN_ISSUED, dayAgo),
                audit.count(AuditRecorder.TOKEN_ISSUED),
                audit.failedAuthentications(dayAgo),
                OffsetDateTime.now().toString());
        actions.fire(new AdminActionPerformed("admin_statistics_read", caller.getSubject(), null, true, null,
                request.getRemoteAddr()));
        return view;
    }
}
