package io.maxplatform.oauth.token;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.authentication.ClientRequest;

/**
 * One grant type of the token endpoint (RFC 6749 §4): a CDI bean, chosen by the request's {@code grant_type}
 * ({@link Grants}). Adding a grant type is adding one such bean.
 */
public interface Grant {

    /** The {@code grant_type} value this grant answers. */
    String type();

    /**
     * Issues a token for an authenticated client, or refuses with an {@code OAuthException}. What it issued
     * is noted in {@code call}: its row is group-committed with concurrent answers' rows, and the token is
     * sent only once that row has committed ({@code audit/AuditedCalls#answer}).
     */
    IssuedToken issue(ClientRequest request, AuditedCall call);

    /** What the token response says (RFC 6749 §5.1). */
    record IssuedToken(String accessToken, long expiresIn, String scope) {
    }
}
