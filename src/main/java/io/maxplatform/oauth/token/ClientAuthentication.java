package io.maxplatform.oauth.token;

import io.maxplatform.oauth.client.BasicCredentials;
import io.maxplatform.oauth.client.ClientCredentials;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The request rules shared by every client-authenticated endpoint (token, revocation, introspection):
 * RFC 6749 §2.3 (one client authentication method), §2.3.1 (HTTP Basic, or the body; never the URI),
 * §3.2 (no repeated parameter).
 */
public final class ClientAuthentication {

    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    /** Requests to these endpoints are a few hundred bytes; anything past this is refused unread. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private ClientAuthentication() {
    }

    /**
     * The form of a request whose parameters must all be in its body.
     *
     * @param body the body as read with {@link #MAX_BODY_BYTES}, or null when it was longer
     */
    public static FormBody form(String body, MediaType type, boolean hasQuery) {
        if (body == null) {
            throw new OAuthException("invalid_request", 413, "The request body is too large", "body_too_large");
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            throw OAuthException.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        if (hasQuery) {
            throw OAuthException.invalidRequest("Parameters must be sent in the request body, not in the URL");
        }
        return FormBody.parse(body);
    }

    public static ClientCredentials credentials(FormBody form, String authorization) {
        Optional<ClientCredentials> basic = BasicCredentials.parse(authorization);
        if (authorization != null && basic.isEmpty()) {
            throw OAuthException.invalidClient("unsupported_authentication_scheme");
        }
        if (basic.isPresent()) {
            if (form.has(CLIENT_SECRET)) {
                throw OAuthException.invalidRequest("Use one client authentication method, not HTTP Basic and client_secret together");
            }
            if (form.get(CLIENT_ID).filter(id -> !id.equals(basic.get().clientId())).isPresent()) {
                throw OAuthException.invalidRequest("client_id does not match the HTTP Basic credentials");
            }
            return basic.get();
        }
        Optional<String> clientId = form.get(CLIENT_ID);
        Optional<String> secret = form.get(CLIENT_SECRET);
        if (clientId.isEmpty() && secret.isPresent()) {
            throw OAuthException.invalidRequest("Missing client_id");
        }
        if (clientId.isEmpty() || secret.isEmpty()) {
            throw OAuthException.invalidClient(clientId.isEmpty() ? "no_client_authentication" : "missing_secret");
        }
        return new ClientCredentials(clientId.get(), secret.get(), ClientCredentials.Method.CLIENT_SECRET_POST);
    }
}
