package io.maxplatform.oauth.audit;

/** An access token was issued; its audit row must exist before the token is returned. */
public record TokenIssued(String clientId, String scope, String tokenId, String sourceAddress) {
}
