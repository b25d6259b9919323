package io.maxplatform.oauth.error;

import io.maxplatform.oauth.audit.AdminActionRefused;
import io.maxplatform.oauth.audit.TokenRequestRefused;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for 401 and 403 raised by the container itself: MicroProfile JWT refuses an invalid token
 * (expired, forged, wrong issuer or audience) before JAX-RS runs, with an HTML page and a Basic challenge.
 * This replaces both with SPEC.md's JSON body and RFC 6750's Bearer challenge. At the token endpoint, where
 * a Bearer header is simply the wrong way to authenticate a client, it answers {@code invalid_client} and
 * records the refusal like any other.
 */
@WebServlet(AuthenticationErrorServlet.PATH)
public class AuthenticationErrorServlet extends HttpServlet {

    public static final String PATH = "/errors/authentication";
    private static final String TOKEN_ENDPOINT = "/api/oauth/token";
    private static final String ADMIN_API = "/api/admin/";

    @Inject
    Event<TokenRequestRefused> refused;

    @Inject
    Event<AdminActionRefused> adminRefused;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_UNAUTHORIZED;
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        String body;
        if (TOKEN_ENDPOINT.equals(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            OAuthException e = OAuthException.invalidClient("bearer_token_at_token_endpoint");
            refused.fire(new TokenRequestRefused(null, e.error(), e.auditReason(), request.getRemoteAddr()));
            response.setStatus(e.status());
            response.setHeader("Pragma", "no-cache");
            response.setHeader("WWW-Authenticate", ErrorResponses.BASIC_CHALLENGE);
            body = ErrorResponses.oauthJson(e.error(), e.description());
        } else if (status == HttpServletResponse.SC_FORBIDDEN) {
            body = ErrorResponses.detailJson("Forbidden");
        } else {
            boolean presented = request.getHeader("Authorization") != null;
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri instanceof String path && path.startsWith(ADMIN_API)) {
                adminRefused.fire(new AdminActionRefused(AdminActionRefused.ACCESS_DENIED, null,
                        request.getMethod() + " " + path, "Invalid token", request.getRemoteAddr()));
            }
            response.setHeader("WWW-Authenticate", ErrorResponses.bearerChallenge(presented));
            body = ErrorResponses.detailJson(ErrorResponses.INVALID_TOKEN_DETAIL);
        }
        response.getWriter().write(body);
    }
}
