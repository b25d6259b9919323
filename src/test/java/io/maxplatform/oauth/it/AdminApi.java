package io.maxplatform.oauth.it;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The admin API from a client's side: tokens for each kind of caller, and JSON requests. */
final class AdminApi {

    static final String BASE = "/api/admin/oauth/service";

    private AdminApi() {
    }

    /** A token with {@code admin:oauth}: the bootstrap client's. */
    static String adminToken() {
        return ServerHttp.bootstrapToken("admin:oauth");
    }

    /** A valid token without {@code admin:oauth}. */
    static String tokenWithoutAdminOauth() {
        return ServerHttp.bootstrapToken("admin:users");
    }

    /** A token of a client allowed only {@code admin:full}. */
    static String fullAdminToken() {
        TestClients.Registered full = TestClients.register("full-admin", List.of("admin:full"), List.of("admin:full"));
        return ServerHttp.token(full.clientId(), full.secret(), "admin:full");
    }

    static HttpResponse<String> call(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder request = ServerHttp.request(BASE + path)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return ServerHttp.send(request);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** Creates a client through the API; fails the test unless it answers 201. */
    static JsonObject create(String token, String clientId, String allowedScopesJson, String defaultScopesJson) {
        HttpResponse<String> response = call("POST", "/clients", token, "{\"client_id\":\"" + clientId
                + "\",\"client_name\":\"Test " + clientId + "\",\"allowed_scopes\":" + allowedScopesJson
                + ",\"default_scopes\":" + defaultScopesJson + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("create failed: " + response.statusCode() + " " + response.body());
        }
        return ServerHttp.json(response);
    }
}
