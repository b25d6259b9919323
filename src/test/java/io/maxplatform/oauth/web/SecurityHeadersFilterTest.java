package io.maxplatform.oauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.maxplatform.oauth.config.ServerSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headers for the cases a black-box test cannot reach: a server whose PUBLIC_URL is https. */
class SecurityHeadersFilterTest {

    private static Map<String, String> headersFor(String issuer, String path) throws Exception {
        SecurityHeadersFilter filter = new SecurityHeadersFilter();
        filter.settings = new ServerSettings() {
            @Override
            public String issuer() {
                return issuer;
            }
        };
        Map<String, String> headers = new HashMap<>();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(SecurityHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                        method.getName().equals("getRequestURI") ? path : null);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(SecurityHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        FilterChain chain = (req, res) -> { };
        filter.doFilter(request, response, chain);
        return headers;
    }

    @Test
    void httpsGetsHstsAndEveryResponseNosniff() throws Exception {
        Map<String, String> https = headersFor("https://auth.example/api/oauth", "/api/oauth/token");
        Map<String, String> http = headersFor("http://localhost:8000/api/oauth", "/api/oauth/token");

        assertEquals(SecurityHeadersFilter.HSTS, https.get("Strict-Transport-Security"));
        assertNull(http.get("Strict-Transport-Security"));
        assertEquals("nosniff", http.get("X-Content-Type-Options"));
        assertEquals("no-store", http.get("Cache-Control"));
    }

    @Test
    void thePublicDocumentsStayCacheable() throws Exception {
        assertNull(headersFor("http://x/api/oauth", "/api/oauth/jwks").get("Cache-Control"));
        assertNull(headersFor("http://x/api/oauth", "/api/oauth/.well-known/oauth-authorization-server").get("Cache-Control"));
    }
}
