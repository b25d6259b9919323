package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.audit.AuditedCalls;
import io.maxplatform.oauth.web.BoundedBody;
import io.maxplatform.oauth.web.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;
import java.util.function.BiFunction;

/**
 * The one way the token, revocation and introspection endpoints serve a client: read the request once,
 * authenticate the client when the endpoint asks for it, and audit the call (the work and its success row
 * in one transaction; a refusal under the client id the request claimed).
 */
@ApplicationScoped
public class ClientRequests {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    AuditedCalls audit;

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    ClientAddress address;

    /** An audited call at this request's source address, for {@link #serve}. */
    public AuditedCall call(String action) {
        return AuditedCall.of(action, address.of(servletRequest));
    }

    public <T> T serve(AuditedCall call, HttpHeaders headers, InputStream input,
                       BiFunction<ClientRequest, AuditedCall, T> work) {
        return audit.run(call, () -> {
            ClientRequest.Authorization authorization =
                    ClientRequest.Authorization.read(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
            authorization.basic().ifPresent(basic -> call.client(basic.clientId()));
            String body = BoundedBody.read(input, ClientRequest.MAX_BODY_BYTES).orElse(null);
            ClientRequest request = ClientRequest.read(body, headers.getMediaType(),
                    servletRequest.getQueryString() != null, authorization,
                    credentials -> authenticator.authenticate(credentials, call.sourceAddress()));
            request.claimedClientId().ifPresent(call::client);
            return work.apply(request, call);
        });
    }
}
