package io.maxplatform.servicetoken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Authenticated calls to a service API, the guide's {@code make_service_api_call}: the provider's token
 * in {@code Authorization}; on a 401 the token is dropped, renewed once and the call retried once — never
 * in a loop.
 */
public final class ServiceApiClient {

    private final ServiceTokenProvider tokens;
    private final HttpClient http;

    public ServiceApiClient(ServiceTokenProvider tokens) {
        this(tokens, HttpClient.newHttpClient());
    }

    public ServiceApiClient(ServiceTokenProvider tokens, HttpClient http) {
        this.tokens = tokens;
        this.http = http;
    }

    public HttpResponse<String> call(String method, String url) {
        return call(method, url, null);
    }

    /** @param jsonBody a JSON request body, or null for none */
    public HttpResponse<String> call(String method, String url, String jsonBody) {
        String token = tokens.getToken();
        HttpResponse<String> response = send(method, url, jsonBody, token);
        if (response.statusCode() == 401) {
            tokens.invalidate(token);
            response = send(method, url, jsonBody, tokens.getToken());
        }
        return response;
    }

    private HttpResponse<String> send(String method, String url, String jsonBody, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceTokenException.Unreachable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenException.Unreachable(url, e);
        }
    }
}
