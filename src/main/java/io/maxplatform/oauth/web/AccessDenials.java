package io.maxplatform.oauth.web;

import io.maxplatform.oauth.audit.AuditLogEntry;
import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.audit.AuditedCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Records a request refused at a protected endpoint before its resource ran (no token, an invalid or revoked
 * one, a missing scope): one audit row naming the caller, if known, and the method and path.
 */
@ApplicationScoped
public class AccessDenials {

    @Inject
    AuditedCalls audit;

    @Inject
    ClientAddress address;

    public void record(HttpServletRequest request, String path, String callerClientId, String detail) {
        audit.refused(AuditedCall.of(AuditLogEntry.ADMIN_ACCESS_DENIED, address.of(request))
                .authenticated(callerClientId) // from a token this server signed, or null
                .target(request.getMethod() + " " + path), null, null, detail);
    }

    public void record(HttpServletRequest request, String callerClientId, String detail) {
        record(request, request.getRequestURI(), callerClientId, detail);
    }
}
