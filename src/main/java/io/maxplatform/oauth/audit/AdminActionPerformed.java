package io.maxplatform.oauth.audit;

/** A call to the admin API by the client {@code callerClientId}. */
public record AdminActionPerformed(String action, String callerClientId, String target, boolean success,
                                   String detail, String sourceAddress) {
}
