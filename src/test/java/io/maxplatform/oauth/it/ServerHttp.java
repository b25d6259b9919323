package io.maxplatform.oauth.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP to the server under test, from outside, as a client service would talk to it. */
public final class ServerHttp {

    public static final String BOOTSTRAP_ID = "maxplatform-service";
    public static final String BOOTSTRAP_SECRET = "service_maxplatform_2025_dev_secret";
    public static final String FORM = "application/x-www-form-urlencoded";

    /** HTTP/1.1, as services speak to the server (an h2c upgrade would share one connection's header state). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerHttp() {
    }

    public static String baseUrl() {
        return "http://localhost:" + System.getProperty("it.http.port");
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    /**
     * A MicroProfile Health endpoint: on the HTTP port on Payara, on the management interface on WildFly
     * ({@code it.health.url}).
     */
    public static HttpRequest.Builder health(String path) {
        return HttpRequest.newBuilder(URI.create(System.getProperty("it.health.url", baseUrl()) + path)).GET();
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            SuiteSecrets.addFrom(response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST a form to an OAuth endpoint ({@code revoke}, {@code introspect}), with an Authorization header or none. */
    public static HttpResponse<String> postOAuth(String endpoint, String body, String authorization) {
        HttpRequest.Builder request = request("/api/oauth/" + endpoint).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** POST a raw form body to the token endpoint. */
    public static HttpResponse<String> postToken(String body, String... headers) {
        HttpRequest.Builder request = request("/api/oauth/token").header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public static HttpResponse<String> get(String path, String bearerToken) {
        HttpRequest.Builder request = request(path).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    /** A token for the client, with client_secret_post; fails the test unless the server issues one. */
    public static String token(String clientId, String secret, String scope) {
        HttpResponse<String> response = postToken(form("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "scope", scope));
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).getString("access_token");
    }

    public static String bootstrapToken(String scope) {
        return token(BOOTSTRAP_ID, BOOTSTRAP_SECRET, scope);
    }

    public static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** RFC 6749 §2.3.1: each part form-url-encoded, then joined and base64-encoded. */
    public static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Waits until no server holds the test port, so a server started next never meets its predecessor's
     * listener (the tests restart Payara Micro on one fixed port).
     */
    public static void awaitFreePort() throws InterruptedException {
        int port = Integer.parseInt(System.getProperty("it.http.port"));
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!listening(port) && bindable(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("port " + port + " is still in use 60 s after undeploy");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException stillBound) {
            return false;
        }
    }
}
