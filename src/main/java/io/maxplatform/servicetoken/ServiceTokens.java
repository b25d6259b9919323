package io.maxplatform.servicetoken;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The guide's three helpers, on one provider configured from the environment:
 * <pre>
 * HttpResponse&lt;String&gt; stats = ServiceTokens.makeServiceApiCall("GET",
 *         "http://localhost:8000/api/admin/oauth/service/statistics", null);
 * </pre>
 */
public final class ServiceTokens {

    private ServiceTokens() {
    }

    private static final class Default {
        static final ServiceTokenProvider PROVIDER = ServiceTokenProvider.fromEnvironment();
        static final ServiceApiClient CLIENT = new ServiceApiClient(PROVIDER);
    }

    /** {@code get_service_token}. */
    public static String getServiceToken() {
        return Default.PROVIDER.getToken();
    }

    /** {@code create_service_request_headers}. */
    public static Map<String, String> createServiceRequestHeaders() {
        return Default.PROVIDER.authorizationHeaders();
    }

    /** {@code make_service_api_call}: renews and retries once on a 401. */
    public static HttpResponse<String> makeServiceApiCall(String method, String url, String jsonBody) {
        return Default.CLIENT.call(method, url, jsonBody);
    }
}
