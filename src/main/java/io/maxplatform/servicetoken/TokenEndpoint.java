package io.maxplatform.servicetoken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The token endpoint as one client speaks to it: a Client Credentials request authenticated by the client's
 * secret (HTTP Basic, RFC 6749 §2.3.1), by a fresh assertion signed with its private key (RFC 7523), or by an
 * assertion its platform issued, presented as it is (RFC 7521 §4.2); and the server's metadata (RFC 8414),
 * read once for the issuer a signed assertion names as its audience.
 */
final class TokenEndpoint {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final URI tokenUrl;
    private final URI metadataUrl;
    private final HttpClient http;
    private final String clientId;
    private final String clientSecret;
    private final ClientAssertionSigner signer;
    /** The platform's assertion, asked for anew per request; null unless the client authenticates with one. */
    private final Supplier<String> presentedAssertion;
    private final Clock clock;
    /** The server's issuer, read once from its metadata: the audience of every client assertion. */
    private volatile String issuer;

    /** A token as the server issued it, and when it was asked for (its lifetime counts from then). */
    record Issued(String token, Instant sentAt, Duration lifetime) {
    }

    TokenEndpoint(URI tokenUrl, URI metadataUrl, HttpClient http, String clientId, String clientSecret,
                  ClientAssertionSigner signer, Supplier<String> presentedAssertion, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.metadataUrl = metadataUrl;
        this.http = http;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.signer = signer;
        this.presentedAssertion = presentedAssertion;
        this.clock = clock;
    }

    /** Asks for a token (RFC 6749 §4.4.2); a refusal or an answer that is no token response throws. */
    Issued fetch(String scopes, String resource) {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (!scopes.isEmpty()) {
            form.append("&scope=").append(URLEncoder.encode(scopes, StandardCharsets.UTF_8));
        }
        if (resource != null) {
            form.append("&resource=").append(URLEncoder.encode(resource, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (signer != null) {
            // A new assertion per request: the server accepts each one once.
            appendAssertion(form, signer.sign(clientId, issuer(), clock.instant()));
        } else if (presentedAssertion != null) {
            // RFC 7521 §4.2: client_id is optional, the server finds the client by the assertion's issuer and
            // subject; sent only when one was configured, for the server to check it against them.
            appendAssertion(form, presentedAssertion.get());
            if (clientId != null) {
                form.append("&client_id=").append(URLEncoder.encode(clientId, StandardCharsets.UTF_8));
            }
        } else {
            request.header("Authorization", basic());
        }
        HttpRequest post = request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        Instant sentAt = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceTokenException.Unreachable(tokenUrl.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenException.Unreachable(tokenUrl.toString(), e);
        }
        Map<String, Object> body = jsonOrNull(response.body());
        if (response.statusCode() != 200) {
            if (body != null && body.get("error") instanceof String error) {
                throw new ServiceTokenException.Refused(response.statusCode(), error,
                        body.get("error_description") instanceof String d ? d : null);
            }
            throw new ServiceTokenException.UnexpectedResponse("HTTP " + response.statusCode()
                    + " from " + tokenUrl + " without an OAuth error body");
        }
        if (body == null || !(body.get("access_token") instanceof String token) || !(body.get("expires_in") instanceof Number expiresIn)) {
            throw new ServiceTokenException.UnexpectedResponse("The token response from " + tokenUrl
                    + " lacks access_token or expires_in");
        }
        return new Issued(token, sentAt, Duration.ofSeconds(expiresIn.longValue()));
    }

    /** RFC 7523 §2.2: the assertion and its type, in the form. */
    private static void appendAssertion(StringBuilder form, String assertion) {
        form.append("&client_assertion_type=").append(URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8))
                .append("&client_assertion=").append(URLEncoder.encode(assertion, StandardCharsets.UTF_8));
    }

    /**
     * The {@code issuer} of the server's RFC 8414 metadata. An assertion names it as its audience, which the
     * server accepts whatever URL the service reaches it by (an internal name, a proxy).
     */
    private String issuer() {
        String known = issuer;
        if (known != null) {
            return known;
        }
        HttpRequest request = HttpRequest.newBuilder(metadataUrl).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> metadata = response.statusCode() == 200 ? jsonOrNull(response.body()) : null;
            if (metadata == null || !(metadata.get("issuer") instanceof String found)) {
                throw new ServiceTokenException.UnexpectedResponse("No issuer in the metadata at " + metadataUrl
                        + " (HTTP " + response.statusCode() + ")");
            }
            issuer = found;
            return found;
        } catch (IOException e) {
            throw new ServiceTokenException.Unreachable(metadataUrl.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenException.Unreachable(metadataUrl.toString(), e);
        }
    }

    private String basic() {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> jsonOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : MiniJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
