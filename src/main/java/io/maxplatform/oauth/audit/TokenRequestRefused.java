package io.maxplatform.oauth.audit;

/** A token request was refused; {@code reason} is the precise cause the client was not told. */
public record TokenRequestRefused(String claimedClientId, String error, String reason, String sourceAddress) {
}
