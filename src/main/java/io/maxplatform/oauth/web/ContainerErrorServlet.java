package io.maxplatform.oauth.web;

import io.maxplatform.oauth.audit.AuditLogEntry;
import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.audit.AuditedCalls;
import io.maxplatform.oauth.error.ErrorResponses;
import io.maxplatform.oauth.error.FailureAnswers;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.error.ServerFailure;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The error page for errors the container raises itself, before or around JAX-RS, which would otherwise be
 * its HTML pages: MicroProfile JWT refusing an invalid token (401, with a Basic challenge), a body over the
 * size limit (413), an uncaught exception (500). Each gets the documented JSON body; at the token endpoint the
 * OAuth error shape and an audit row, like any other refused token request.
 */
@WebServlet(ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ContainerErrorServlet.class.getName());

    public static final String PATH = "/errors/container";
    private static final String TOKEN_ENDPOINT = "/api/oauth/token";
    private static final String ADMIN_API = "/api/admin/";

    @Inject
    AuditedCalls audit;

    @Inject
    AccessDenials denials;

    @Inject
    FailureAnswers failures;

    @Inject
    ClientAddress address;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Asked for directly, not as an error page, there is no error: the path is simply not a resource.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code : HttpServletResponse.SC_NOT_FOUND;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : "";
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (isTokenRefusedAsServerError(status, path, request)) {
            status = HttpServletResponse.SC_UNAUTHORIZED;
        }
        String body;
        if (status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failed) {
            // Failed outside JAX-RS (a filter, the container): answered and logged as any other failure.
            ServerFailure failure = failures.recorded(failed);
            status = failure.status();
            failure.outage().ifPresent(outage -> response.setHeader("Retry-After",
                    String.valueOf(ServerFailure.RETRY_AFTER_SECONDS)));
            body = ErrorResponses.oauthJson(failure.error(), failure.description());
            if (path.equals(TOKEN_ENDPOINT)) {
                audit.refused(AuditedCall.of(AuditLogEntry.TOKEN_REQUEST_FAILED, address.of(request)), failed);
            }
        } else if (path.equals(TOKEN_ENDPOINT)) {
            body = tokenEndpointError(status, request, response);
        } else if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            boolean presented = request.getHeader("Authorization") != null;
            if (path.startsWith(ADMIN_API)) {
                denials.record(request, path, null, "Invalid token");
            }
            response.setHeader("WWW-Authenticate", ErrorResponses.bearerChallenge(presented));
            body = ErrorResponses.detailJson(ErrorResponses.INVALID_TOKEN_DETAIL);
        } else {
            body = ErrorResponses.detailJson(describe(status));
        }
        response.setStatus(status);
        response.getWriter().write(body);
    }

    /**
     * WildFly's MicroProfile JWT (SmallRye) answers some tokens it cannot use with a bare 500 before any
     * application code runs: one whose {@code kid} is in no published key, one whose claims it cannot convert
     * (arrays nested thousands deep). A 500 at the admin API for a request that carries a Bearer token but has
     * no caller is that refusal, not a failure of the server: resources run only for an authenticated caller.
     */
    private static boolean isTokenRefusedAsServerError(int status, String path, HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        boolean refusal = status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && path.startsWith(ADMIN_API)
                && request.getUserPrincipal() == null
                && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                // No exception (SmallRye's "key unresolvable" answer), or its stack overflow on the claims;
                // anything else is a real failure and stays a 500.
                && (failure == null || failure instanceof StackOverflowError);
        if (refusal) {
            // Logged, since a server that cannot fetch its own key set (a wrong HTTP_PORT) looks the same.
            LOG.warning("The MicroProfile JWT runtime failed on a Bearer token at " + path
                    + "; answered 401 (if every token is refused, check that the server reaches its JWKS at HTTP_PORT)");
        }
        return refusal;
    }

    /** At the token endpoint a Bearer header is the wrong way to authenticate a client: invalid_client. */
    private String tokenEndpointError(int status, HttpServletRequest request, HttpServletResponse response) {
        OAuthException e = switch (status) {
            case HttpServletResponse.SC_UNAUTHORIZED -> OAuthException.invalidClient("bearer_token_at_token_endpoint");
            case HttpServletResponse.SC_BAD_REQUEST ->
                    new OAuthException("invalid_request", status, "Malformed request", "container_bad_request");
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE ->
                    new OAuthException("invalid_request", status, "The request body is too large", "body_too_large");
            default -> new OAuthException("server_error", status, describe(status), "container_error");
        };
        audit.refused(AuditedCall.of(AuditLogEntry.TOKEN_REQUEST_FAILED, address.of(request)), e);
        response.setHeader("Pragma", "no-cache");
        if (e.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", ErrorResponses.BASIC_CHALLENGE);
        }
        return ErrorResponses.oauthJson(e.error(), e.description());
    }

    private static String describe(int status) {
        return switch (status) {
            case HttpServletResponse.SC_BAD_REQUEST -> "Bad request";
            case HttpServletResponse.SC_FORBIDDEN -> "Forbidden";
            case HttpServletResponse.SC_NOT_FOUND -> "Not Found";
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> "The request body is too large";
            default -> status >= 500 ? "Internal server error" : "Request refused";
        };
    }
}
