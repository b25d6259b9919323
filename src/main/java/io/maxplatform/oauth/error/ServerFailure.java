package io.maxplatform.oauth.error;

import java.util.Optional;
import java.util.UUID;

/**
 * What a request that failed without a {@link Refusal} of its own is answered, and recorded as, decided in
 * this one place for the HTTP answer, the audit row and the metric:
 * <ul>
 *   <li>a value the database refused (SQLSTATE class 22): 400, the request's fault;</li>
 *   <li>a race lost to a concurrent change (a unique or exclusion violation, an optimistic-lock conflict): 409;</li>
 *   <li>a {@linkplain DatabaseOutage database outage}: 503 with {@code Retry-After}, the client should retry;</li>
 *   <li>anything else: the server's own bug, 500. Its log line has the stack and the error id the client saw.</li>
 * </ul>
 * Every answer carries an error id that is also in the log line, so a client's report finds its cause.
 */
public record ServerFailure(int status, String error, String reason, String message, String errorId,
                            Optional<DatabaseOutage> outage) {

    /** Seconds a client waits before retrying after an outage (RFC 9110 §10.2.3). */
    public static final int RETRY_AFTER_SECONDS = 5;

    public static ServerFailure of(Throwable failure) {
        String errorId = UUID.randomUUID().toString();
        if (DatabaseErrors.isRefusedRequestData(failure)) {
            return new ServerFailure(400, "invalid_request", "value_refused_by_database",
                    "The request contains a value the server cannot store", errorId, Optional.empty());
        }
        if (DatabaseErrors.isConflict(failure)) {
            return new ServerFailure(409, "invalid_request", "concurrent_change",
                    "The request conflicts with a concurrent change; read the current state and retry", errorId, Optional.empty());
        }
        Optional<DatabaseOutage> outage = DatabaseErrors.outage(failure);
        if (outage.isPresent()) {
            return new ServerFailure(503, "server_error", outage.get().reason(),
                    "The service is temporarily unavailable, retry later", errorId, outage);
        }
        return new ServerFailure(500, "server_error", "internal_error",
                "Internal server error", errorId, Optional.empty());
    }

    /** What the client reads: the message and the error id its log line carries. */
    public String description() {
        return message + " (error " + errorId + ")";
    }

    public boolean isServerBug() {
        return status == 500;
    }
}
