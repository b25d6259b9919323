package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.audit.AuditedCalls;
import io.maxplatform.oauth.web.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Every admin resource method runs through {@link #perform} or {@link #read}: audited under the calling client's id. */
@ApplicationScoped
public class AdminCalls {

    @Inject
    JsonWebToken caller;

    @Inject
    HttpServletRequest request;

    @Inject
    AuditedCalls audit;

    @Inject
    ClientAddress address;

    /** A change: the work and its audit row commit together. */
    public <T> T perform(String action, String target, Supplier<T> work) {
        return audit.change(call(action).target(target), work);
    }

    /** A read: answered once its audit row committed (with those of concurrent calls). */
    public <T> T read(String action, String target, Supplier<T> work) {
        return audit.answer(call(action).target(target), work);
    }

    /** The same, for work that learns its target as it goes and names it on the call. */
    public <T> T perform(String action, Function<AuditedCall, T> work) {
        AuditedCall call = call(action);
        return audit.change(call, () -> work.apply(call));
    }

    private AuditedCall call(String action) {
        return AuditedCall.of(action, address.of(request)).authenticated(caller.getSubject());
    }

    public Set<String> callerRoles() {
        return caller.getGroups();
    }
}
