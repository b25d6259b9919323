package io.maxplatform.oauth.audit;

/**
 * A call to the admin API that was refused (no or bad token, missing scope, invalid input, conflict).
 * Recorded in a transaction of its own, so the row survives the rollback of the refused work.
 */
public record AdminActionRefused(String action, String callerClientId, String target, String detail,
                                 String sourceAddress) {

    /** No token, an invalid token, or a token without the endpoint's scope. */
    public static final String ACCESS_DENIED = "admin_access_denied";
}
