package io.maxplatform.oauth.revocation;

import io.maxplatform.oauth.audit.ClientRequestRefused;
import io.maxplatform.oauth.audit.ClientRequestServed;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientAuthenticator;
import io.maxplatform.oauth.config.BoundedBody;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.error.DatabaseErrors;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.token.ClaimedClientId;
import io.maxplatform.oauth.token.ClientAuthentication;
import io.maxplatform.oauth.token.FormBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * A client-authenticated request about a token (revocation, introspection): the token endpoint's request
 * rules, client authentication, the {@code token} parameter, and an audit row either way.
 */
@ApplicationScoped
public class TokenRequestsByClients {

    private static final Logger LOG = Logger.getLogger(TokenRequestsByClients.class.getName());

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    Event<ClientRequestServed> served;

    @Inject
    Event<ClientRequestRefused> refused;

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    InTransaction transaction;

    /**
     * Runs {@code work} with the authenticated client and the {@code token} parameter, in one transaction with
     * the audit row it writes through {@link #served}.
     */
    Response handle(String action, HttpHeaders headers, InputStream input, BiFunction<Client, String, Response> work) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String source = servletRequest.getRemoteAddr();
        String body = BoundedBody.read(input, ClientAuthentication.MAX_BODY_BYTES).orElse(null);
        try {
            FormBody form = ClientAuthentication.form(body, headers.getMediaType(), servletRequest.getQueryString() != null);
            Client client = authenticator.authenticate(ClientAuthentication.credentials(form, authorization), source);
            String token = form.get("token").orElseThrow(() -> OAuthException.invalidRequest("Missing token"));
            return transaction.run(() -> work.apply(client, token));
        } catch (OAuthException e) {
            refused.fire(new ClientRequestRefused(action, ClaimedClientId.of(body, authorization), e.error(),
                    e.auditReason(), source));
            throw e;
        } catch (RuntimeException e) {
            // Answered by the mappers (503 or 500); the attempt is still recorded if the database allows.
            String reason = DatabaseErrors.isDatabaseFailure(e) ? "database_unavailable" : "internal_error";
            try {
                refused.fire(new ClientRequestRefused(action, ClaimedClientId.of(body, authorization), "server_error",
                        reason, source));
            } catch (RuntimeException auditAlsoFailed) {
                LOG.warning(action + " request from " + source + " failed (" + reason + ") and could not be audited");
            }
            throw e;
        }
    }

    void served(String action, Client client, String tokenId, String detail) {
        served.fire(new ClientRequestServed(action, client.clientId(), tokenId, detail, servletRequest.getRemoteAddr()));
    }
}
