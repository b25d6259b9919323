package io.maxplatform.oauth.audit;

/**
 * A successful call to the admin API by the client {@code callerClientId}. Recorded in the caller's
 * transaction when there is one, so a change and its audit row commit together or not at all.
 */
public record AdminActionPerformed(String action, String callerClientId, String target, String sourceAddress) {
}
