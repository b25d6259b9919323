package io.maxplatform.oauth.token;

import io.maxplatform.oauth.client.BasicCredentials;
import io.maxplatform.oauth.client.ClientCredentials;
import io.maxplatform.oauth.error.OAuthException;
import java.util.Optional;

/**
 * A token request, checked for the protocol rules that need no database: RFC 6749 §2.3 (one client
 * authentication method), §2.3.1 (no credentials in the URI), §3.2 (no repeated parameter), §4.4.2.
 * The grant type is always {@code client_credentials}: any other is refused while parsing.
 */
public record TokenRequest(Optional<String> scope, ClientCredentials credentials) {

    static final String GRANT_TYPE = "grant_type";
    static final String SCOPE = "scope";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";

    /**
     * @param body          the raw form body
     * @param authorization the {@code Authorization} header, or null
     * @param hasQuery      whether the request URI carried a query string
     */
    public static TokenRequest parse(String body, String authorization, boolean hasQuery) {
        if (hasQuery) {
            throw OAuthException.invalidRequest("Parameters must be sent in the request body, not in the URL");
        }
        FormBody form = FormBody.parse(body);
        String grantType = form.get(GRANT_TYPE)
                .orElseThrow(() -> OAuthException.invalidRequest("Missing grant_type"));
        if (!"client_credentials".equals(grantType)) {
            throw OAuthException.unsupportedGrantType();
        }
        return new TokenRequest(form.get(SCOPE), credentials(form, authorization));
    }

    private static ClientCredentials credentials(FormBody form, String authorization) {
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
