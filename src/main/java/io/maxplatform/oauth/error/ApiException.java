package io.maxplatform.oauth.error;

/**
 * A refusal at the admin API: an HTTP status and the {@code detail} the caller sees. Thrown by services,
 * mapped at the edge; services never throw JAX-RS exceptions.
 */
public class ApiException extends RuntimeException implements Refusal {

    private final int status;

    public ApiException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    @Override
    public String auditErrorCode() {
        return null;
    }

    @Override
    public String auditReason() {
        return null;
    }

    @Override
    public String auditDetail() {
        return getMessage();
    }
}
