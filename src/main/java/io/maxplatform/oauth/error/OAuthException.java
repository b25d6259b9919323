package io.maxplatform.oauth.error;

/**
 * A refusal at an OAuth endpoint, carrying the RFC 6749 §5.2 error code, the HTTP status, the message the
 * client sees and the precise reason the audit trail keeps (which the client must not see: one
 * {@code invalid_client} message covers unknown client, wrong secret and inactive client).
 */
public class OAuthException extends RuntimeException implements Refusal {

    private final String error;
    private final int status;
    private final String auditReason;
    private final Long retryAfterSeconds;

    public OAuthException(String error, int status, String description, String auditReason) {
        this(error, status, description, auditReason, null);
    }

    private OAuthException(String error, int status, String description, String auditReason, Long retryAfterSeconds) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.auditReason = auditReason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Too many failed authentications: 429, still {@code invalid_client} so the body reveals nothing more. */
    public static OAuthException tooManyAttempts(long retryAfterSeconds) {
        return new OAuthException("invalid_client", 429, "Too many failed authentication attempts; retry later",
                "throttled", retryAfterSeconds);
    }

    /** Slow secret verifications are at their limit server-wide: 429, retry in a second. Not a failure. */
    public static OAuthException busy() {
        return new OAuthException("invalid_client", 429, "Too many slow secret verifications; retry shortly",
                "slow_verification_budget", 1L);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException("invalid_request", 400, description, "invalid_request");
    }

    /** RFC 6749 §5.2: 401 for failed client authentication, whatever the precise cause. */
    public static OAuthException invalidClient(String auditReason) {
        return new OAuthException("invalid_client", 401, "Invalid client credentials", auditReason);
    }

    public static OAuthException unsupportedGrantType() {
        return new OAuthException("unsupported_grant_type", 400,
                "Only grant_type=client_credentials is supported", "unsupported_grant_type");
    }

    public static OAuthException unauthorizedClient() {
        return new OAuthException("unauthorized_client", 400,
                "The client may not use the client_credentials grant", "grant_not_allowed");
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException("invalid_scope", 400, description, "invalid_scope");
    }

    /** RFC 8707 §2: a resource the client may not ask for, or not a valid resource indicator. */
    public static OAuthException invalidTarget(String description) {
        return new OAuthException("invalid_target", 400, description, "invalid_target");
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }

    public String description() {
        return getMessage();
    }

    @Override
    public String auditReason() {
        return auditReason;
    }

    @Override
    public String auditErrorCode() {
        return error;
    }

    @Override
    public String auditDetail() {
        return null;
    }

    /** Seconds for {@code Retry-After}, when the client should wait. */
    public java.util.Optional<Long> retryAfterSeconds() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }
}
