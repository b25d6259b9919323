package io.maxplatform.oauth.audit;

/** A revocation or introspection request was refused; {@code reason} is what the client was not told. */
public record ClientRequestRefused(String action, String claimedClientId, String error, String reason,
                                   String sourceAddress) {
}
