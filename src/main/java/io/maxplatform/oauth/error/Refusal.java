package io.maxplatform.oauth.error;

/**
 * A request refused for a reason of its own (bad input, failed authentication, a missing right), as the
 * audit trail records it. Anything else that fails a request is the server's failure.
 */
public interface Refusal {

    /** The RFC 6749 §5.2 error code the client saw, or null where the answer has none (the admin API). */
    String auditErrorCode();

    /** The precise cause, which the client is not always told (one {@code invalid_client} covers several). */
    String auditReason();

    /** The message the caller saw, where it says more than the error code. */
    String auditDetail();
}
