package io.maxplatform.oauth.web;

import io.maxplatform.oauth.config.ServerSettings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response carries, also the container's error pages: {@code nosniff} (a JSON answer is never
 * run as a script); {@code no-store} wherever a secret or a token can be in the answer, that is everywhere
 * except the public metadata and JWKS, which resource servers should cache (RFC 6749 §5.1); and HSTS when
 * the server is reached over https ({@code PUBLIC_URL}), as RFC 9700 §4.13 asks for the token endpoint.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String HSTS = "max-age=31536000";

    @Inject
    ServerSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (settings.issuer().startsWith("https://")) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (!isPublicDocument(request.getRequestURI())) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /** The metadata and the key set: public, the same for everyone, meant to be cached. */
    private static boolean isPublicDocument(String path) {
        return path.endsWith("/jwks") || path.contains("/.well-known/");
    }
}
