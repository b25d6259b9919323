package io.maxplatform.oauth.token;

import io.maxplatform.oauth.client.ClientCredentials;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * A token request, checked for the protocol rules that need no database (RFC 6749 §4.4.2; client
 * authentication as {@link ClientAuthentication} reads it).
 * The grant type is always {@code client_credentials}: any other is refused while parsing.
 */
public record TokenRequest(Optional<String> scope, ClientCredentials credentials) {

    static final String GRANT_TYPE = "grant_type";
    static final String SCOPE = "scope";

    /**
     * @param body          the form body, or null when it was over the size limit
     * @param type          its Content-Type
     * @param authorization the {@code Authorization} header, or null
     * @param hasQuery      whether the request URI carried a query string
     */
    public static TokenRequest parse(String body, MediaType type, String authorization, boolean hasQuery) {
        FormBody form = ClientAuthentication.form(body, type, hasQuery);
        String grantType = form.get(GRANT_TYPE)
                .orElseThrow(() -> OAuthException.invalidRequest("Missing grant_type"));
        if (!"client_credentials".equals(grantType)) {
            throw OAuthException.unsupportedGrantType();
        }
        return new TokenRequest(form.get(SCOPE), ClientAuthentication.credentials(form, authorization));
    }

}
