package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AdminActionPerformed;
import io.maxplatform.oauth.audit.AdminActionRefused;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.error.DatabaseErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs an admin call and audits it: the work and its success row in one transaction, a refusal in a
 * transaction of its own. Every admin resource method goes through {@link #perform}.
 */
@ApplicationScoped
public class AdminCalls {

    private static final Logger LOG = Logger.getLogger(AdminCalls.class.getName());

    @Inject
    JsonWebToken caller;

    @Inject
    HttpServletRequest request;

    @Inject
    InTransaction transaction;

    @Inject
    Event<AdminActionPerformed> performed;

    @Inject
    Event<AdminActionRefused> refused;

    public <T> T perform(String action, String target, Supplier<T> work) {
        try {
            return transaction.run(() -> {
                T result = work.get();
                performed.fire(new AdminActionPerformed(action, callerClientId(), target, request.getRemoteAddr()));
                return result;
            });
        } catch (ApiException e) {
            refused.fire(new AdminActionRefused(action, callerClientId(), target, e.detail(), request.getRemoteAddr()));
            throw e;
        } catch (RuntimeException e) {
            // Answered by the mappers (503 or 500); the attempt is still recorded if the database allows.
            String detail = DatabaseErrors.isDatabaseFailure(e) ? "Database unavailable" : "Internal error";
            try {
                refused.fire(new AdminActionRefused(action, callerClientId(), target, detail, request.getRemoteAddr()));
            } catch (RuntimeException auditAlsoFailed) {
                LOG.warning("Admin call " + action + " by " + callerClientId() + " failed and could not be audited");
            }
            throw e;
        }
    }

    public Set<String> callerRoles() {
        return caller.getGroups();
    }

    private String callerClientId() {
        return caller.getSubject();
    }
}
