package io.maxplatform.oauth.error;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error bodies service-developers.md documents ("HTTP API"), built in one place so every path answers in the same shape. */
public final class ErrorResponses {

    /** One factory: {@code Json.createObjectBuilder()} looks the provider up through the class loader on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);

    /** The guide's message for a missing, malformed, expired, revoked or foreign token. */
    public static final String INVALID_TOKEN_DETAIL = "Could not validate service credentials";
    /** RFC 6750 §3: the challenge of a Bearer-protected resource. */
    public static final String BEARER_REALM = "Bearer realm=\"maxplatform\"";

    private ErrorResponses() {
    }

    /** RFC 6749 §5.2 body plus the guide's {@code detail}; never cached (RFC 6749 §5.1). */
    public static Response oauth(int status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(oauthJson(error, description))
                .build();
    }

    public static String oauthJson(String error, String description) {
        return JSON.createObjectBuilder()
                .add("error", error)
                .add("error_description", description)
                .add("detail", description)
                .build().toString();
    }

    /** RFC 6749 §5.2: the challenge that accompanies a 401 for failed client authentication. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"maxplatform\", charset=\"UTF-8\"";

    /** The guide's {@code {"detail": …}} body for the admin API. */
    public static Response detail(int status, String detail) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(detailJson(detail))
                .build();
    }

    public static String detailJson(String detail) {
        return JSON.createObjectBuilder().add("detail", detail).build().toString();
    }

    /** RFC 6750 §3.1: no error code when the request carried no credentials at all. */
    public static String bearerChallenge(boolean credentialsPresented) {
        return credentialsPresented
                ? BEARER_REALM + ", error=\"invalid_token\", error_description=\"" + INVALID_TOKEN_DETAIL + "\""
                : BEARER_REALM;
    }
}
