package io.maxplatform.oauth.error;

import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unexpected: logged with an id, answered without exception text. A database that cannot be
 * reached fails closed with 503 (no token, no admin change), so clients retry instead of rotating secrets.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    @Inject
    ServerMetrics metrics;

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        if (DatabaseErrors.isRefusedRequestData(e)) {
            LOG.log(Level.WARNING, "Request data refused by the database [error " + errorId + "]: " + rootMessage(e));
            return ErrorResponses.oauth(400, "invalid_request", "The request contains a value the server cannot store");
        }
        if (DatabaseErrors.isDatabaseFailure(e)) {
            metrics.databaseFailed();
            LOG.log(Level.WARNING, "Database unavailable [error " + errorId + "]: " + rootMessage(e));
            return Response.fromResponse(ErrorResponses.oauth(503, "server_error",
                            "The service is temporarily unavailable, retry later (error " + errorId + ")"))
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.log(Level.SEVERE, "Unexpected error [error " + errorId + "]", e);
        return ErrorResponses.oauth(500, "server_error", "Internal server error (error " + errorId + ")");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
