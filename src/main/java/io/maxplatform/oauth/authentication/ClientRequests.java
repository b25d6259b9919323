package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.audit.AuditedCalls;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.web.BoundedBody;
import io.maxplatform.oauth.web.ClientAddress;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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

    /**
     * How long a 429 (a throttled address, or the slow-hash budget spent) waits before it is answered. The
     * connection is held, not a thread: a stranger sending wrong secrets as fast as the server answers gets
     * one answer a second per connection, so a flood of refusals cannot crowd out other clients' requests.
     */
    static final long TARPIT_MILLIS = 1000;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** Answers {@code async} with what {@code work} returns or throws; a 429 only after {@link #TARPIT_MILLIS}. */
    public void answer(AsyncResponse async, Supplier<Response> work) {
        try {
            async.resume(work.get());
        } catch (OAuthException refused) {
            if (refused.status() == 429) {
                scheduler.schedule(() -> async.resume(refused), TARPIT_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                async.resume(refused);
            }
        } catch (RuntimeException failed) {
            async.resume(failed);
        }
    }

    /** An audited call at this request's source address, for {@link #serve}. */
    public AuditedCall call(String action) {
        return AuditedCall.of(action, address.of(servletRequest));
    }

    /**
     * For work whose result is the answer (a token, an introspection): audited as an answer. It reads clients, keys,
     * revocations and cut-offs from memory and writes only on its own (a used assertion, a failure count), so no
     * transaction is opened around it.
     */
    public <T> T serve(AuditedCall call, HttpHeaders headers, InputStream input,
                       BiFunction<ClientRequest, AuditedCall, T> work) {
        return audit.answerOutsideTransaction(call, () -> read(call, headers, input, work));
    }

    /** For work that changes something (a revocation): the change and its audit row commit together. */
    public <T> T serveChange(AuditedCall call, HttpHeaders headers, InputStream input,
                             BiFunction<ClientRequest, AuditedCall, T> work) {
        return audit.change(call, () -> read(call, headers, input, work));
    }

    private <T> T read(AuditedCall call, HttpHeaders headers, InputStream input,
                       BiFunction<ClientRequest, AuditedCall, T> work) {
        ClientRequest.Authorization authorization =
                ClientRequest.Authorization.read(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        authorization.basic().ifPresent(basic -> call.client(basic.clientId()));
        String body = BoundedBody.read(input, ClientRequest.MAX_BODY_BYTES).orElse(null);
        ClientRequest request = ClientRequest.read(body, headers.getMediaType(),
                servletRequest.getQueryString() != null, authorization,
                new ClientRequest.Authenticator() {
                    @Override
                    public RegisteredClient secret(ClientCredentials credentials) {
                        return authenticated(authenticator.authenticate(credentials, call.sourceAddress()));
                    }

                    @Override
                    public RegisteredClient assertion(ClientAssertion assertion) {
                        return authenticated(authenticator.authenticate(assertion, call.sourceAddress(), call::credential));
                    }

                    private RegisteredClient authenticated(RegisteredClient client) {
                        call.authenticated(client.clientId());
                        return client;
                    }
                });
        request.claimedClientId().ifPresent(call::client);
        return work.apply(request, call);
    }
}
