package io.maxplatform.oauth.audit;

/**
 * A client-authenticated request other than a token request (revocation, introspection) was served;
 * recorded in the transaction of what it did.
 */
public record ClientRequestServed(String action, String clientId, String tokenId, String detail, String sourceAddress) {
}
