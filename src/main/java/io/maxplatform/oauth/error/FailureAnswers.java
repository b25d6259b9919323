package io.maxplatform.oauth.error;

import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer to anything that failed a request without a {@link Refusal} of its own, as {@link ServerFailure}
 * decides, in the documented JSON shape and without exception text. A database that cannot serve fails closed
 * with 503 (no token, no admin change), so clients retry instead of rotating secrets; the log line names the
 * error id the client saw and, for the server's own bugs, the whole stack.
 */
@ApplicationScoped
public class FailureAnswers {

    private static final Logger LOG = Logger.getLogger(FailureAnswers.class.getName());

    @Inject
    ServerMetrics metrics;

    public Response answer(Throwable e) {
        ServerFailure failure = recorded(e);
        Response response = ErrorResponses.oauth(failure.status(), failure.error(), failure.description());
        return failure.outage().isEmpty() ? response
                : Response.fromResponse(response).header("Retry-After", ServerFailure.RETRY_AFTER_SECONDS).build();
    }

    /** Classifies {@code e}, counts an outage and writes the log line with the error id the client will see. */
    public ServerFailure recorded(Throwable e) {
        ServerFailure failure = ServerFailure.of(e);
        if (failure.outage().isPresent()) {
            metrics.databaseFailed(failure.reason());
            FailureLog.briefly(LOG, Level.WARNING, "Database unavailable (" + failure.outage().get().description()
                    + ") [error " + failure.errorId() + "]", e);
        } else if (failure.isServerBug()) {
            FailureLog.severe(LOG, "Unexpected error [error " + failure.errorId() + "]", e);
        } else {
            FailureLog.briefly(LOG, Level.WARNING, "Request refused by the database: " + failure.reason()
                    + " [error " + failure.errorId() + "]", e);
        }
        return failure;
    }
}
