package io.maxplatform.servicetoken;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Service tokens for one client, the guide's {@code get_service_token} done properly: fetched with the
 * Client Credentials Grant, authenticated with the client's secret (HTTP Basic, RFC 6749 §2.3.1), with a
 * fresh assertion signed by its private key ({@code private_key_jwt}, RFC 7523), or with the identity token
 * its platform writes to a file (RFC 7521 §4.2, read anew for every request), optionally for a
 * {@code resource} (RFC 8707), cached per scope set and audience, and renewed before they
 * expire — 30 minutes before by default, half the lifetime for tokens shorter than an hour, a little
 * earlier at random so a fleet does not renew in the same second.
 *
 * <p>Thread-safe: any number of threads share one cached token and one renewal. While a token is being
 * renewed, the others keep using the still-valid one; only when it has expired do they wait.
 * A {@code SERVICE_TOKEN} given in the environment is used as it is, with a warning when it is expired or
 * about to expire.
 */
public final class ServiceTokenProvider {

    public static final Duration DEFAULT_RENEW_BEFORE = Duration.ofMinutes(30);
    public static final String DEFAULT_BASE_URL = "http://localhost:8000";
    public static final String DEFAULT_CLIENT_ID = "maxplatform-service";
    public static final String DEFAULT_SCOPES = "admin:oauth admin:users admin:system";

    private final TokenEndpoint endpoint;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final ClientAssertionSigner signer;
    private final Supplier<String> presentedAssertion;
    private final String defaultScopes;
    private final String defaultResource;
    private final Duration renewBefore;
    private final Clock clock;
    private final HttpClient http;
    private final Consumer<String> warnings;
    private final GivenServiceToken serviceToken;
    private final RenewingTokens tokens;


    private ServiceTokenProvider(Builder b) {
        this.tokenUrl = URI.create(stripSlash(b.baseUrl) + "/api/oauth/token");
        // With a platform's assertion the server finds the client by the assertion; the guide's default id would be wrong.
        this.clientId = b.presentedAssertion != null && !b.clientIdGiven ? null : b.clientId;
        this.clientSecret = b.clientSecret;
        this.signer = b.signer;
        this.presentedAssertion = b.presentedAssertion;
        this.defaultScopes = b.scopes;
        this.defaultResource = b.resource;
        this.renewBefore = b.renewBefore;
        this.clock = b.clock;
        this.http = b.http != null ? b.http : HttpClient.newHttpClient();
        this.warnings = b.warnings;
        this.endpoint = new TokenEndpoint(tokenUrl,
                URI.create(stripSlash(b.baseUrl) + "/api/oauth/.well-known/oauth-authorization-server"),
                http, clientId, clientSecret, signer, presentedAssertion, clock);
        this.tokens = new RenewingTokens(endpoint, renewBefore, clock, warnings);
        this.serviceToken = b.serviceToken == null ? null
                : new GivenServiceToken(b.serviceToken, clock, renewBefore, warnings, canFetch());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configured as the guide's {@code .env} says: {@code SERVICE_TOKEN}, {@code SERVICE_CLIENT_ID},
     * {@code SERVICE_CLIENT_SECRET}, plus {@code SERVICE_AUTH_URL} (the server's base URL, default
     * {@value #DEFAULT_BASE_URL}) and {@code SERVICE_TOKEN_SCOPES} (default the guide's three admin scopes);
     * instead of the secret, a private key or {@code SERVICE_CLIENT_ASSERTION_FILE} (see {@link Builder#environment}).
     */
    public static ServiceTokenProvider fromEnvironment() {
        return builder().environment(System.getenv()).build();
    }

    /** A token for the configured scopes (and resource, if one is configured). */
    public String getToken() {
        return getToken(defaultScopes);
    }

    /** A token for {@code scopes} (space-separated; empty for the client's default scopes). */
    public String getToken(String scopes) {
        return getToken(scopes, defaultResource);
    }

    /**
     * A token for {@code scopes} whose audience is {@code resource} (RFC 8707: an absolute URI or an audience
     * name the client is allowed; null for the server's default audience).
     */
    public String getToken(String scopes, String resource) {
        if (serviceToken != null && serviceToken.isToBeUsed(canFetch())) {
            return serviceToken.token();
        }
        if (!canFetch()) {
            throw new ServiceTokenException.NotConfigured("None of SERVICE_TOKEN, SERVICE_CLIENT_SECRET, "
                    + "SERVICE_CLIENT_PRIVATE_KEY(_FILE) or SERVICE_CLIENT_ASSERTION_FILE is set for client " + clientId);
        }
        return tokens.get(scopes == null ? "" : scopes.strip(), resource);
    }

    /** The guide's {@code create_service_request_headers}: {@code Authorization} and {@code Content-Type}. */
    public Map<String, String> authorizationHeaders() {
        return Map.of("Authorization", "Bearer " + getToken(), "Content-Type", "application/json");
    }

    /**
     * Forgets {@code token} after a server refused it (a 401): the next {@link #getToken} fetches a new one.
     * A refused {@code SERVICE_TOKEN} is replaced by fetched tokens when client credentials are configured.
     */
    public void invalidate(String token) {
        if (serviceToken != null) {
            serviceToken.refused(token);
        }
        tokens.forget(token);
    }

    private boolean canFetch() {
        return clientSecret != null || signer != null || presentedAssertion != null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "ServiceTokenProvider[tokenUrl=" + tokenUrl + ", clientId=" + (clientId == null ? "unsent" : clientId)
                + ", scopes=" + defaultScopes + ", secret=" + (clientSecret == null ? "unset" : "***")
                + ", key=" + (signer == null ? "unset" : signer)
                + ", assertion=" + (presentedAssertion == null ? "unset" : presentedAssertion)
                + ", resource=" + defaultResource + ", serviceToken="
                + (serviceToken == null ? "unset" : "***") + "]";
    }

    /** Configuration from code; anything not set has the guide's default. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String clientId = DEFAULT_CLIENT_ID;
        private boolean clientIdGiven;
        private String clientSecret;
        private Supplier<String> presentedAssertion;
        private ClientAssertionSigner signer;
        private String privateKeyPem;
        private String keyId;
        private String resource;
        private String scopes = DEFAULT_SCOPES;
        private String serviceToken;
        private Duration renewBefore = DEFAULT_RENEW_BEFORE;
        private Clock clock = Clock.systemUTC();
        private HttpClient http;
        private Consumer<String> warnings = message -> System.getLogger(ServiceTokenProvider.class.getName())
                .log(System.Logger.Level.WARNING, message);

        private Builder() {
        }

        /** The server's base URL, e.g. {@code https://auth.example.com}; the token URL is {@code /api/oauth/token} on it. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId);
            this.clientIdGiven = true;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * Authenticate with a private key instead of a secret ({@code private_key_jwt}): its public half, under
         * {@code keyId}, is in the client's registered JWK Set.
         */
        public Builder privateKey(PrivateKey key, String keyId) {
            this.signer = new ClientAssertionSigner(key, keyId);
            return this;
        }

        /**
         * Authenticate with the identity token the platform writes to {@code file} (a Kubernetes projected
         * service-account token, a SPIFFE JWT-SVID, a CI system's OIDC token), presented as the client assertion
         * (RFC 7521 §4.2, RFC 7523 §2.2) instead of a secret or key. The file is read for every token request,
         * since the platform rotates it; {@code client_id} is sent only when {@link #clientId} is set, as the
         * server otherwise finds the client by the token's issuer and subject.
         */
        public Builder clientAssertionFile(Path file) {
            return clientAssertion(new ClientAssertionFile(file));
        }

        /** Like {@link #clientAssertionFile}, the assertion coming from {@code assertion}, asked once per token request. */
        Builder clientAssertion(Supplier<String> assertion) {
            this.presentedAssertion = Objects.requireNonNull(assertion);
            return this;
        }

        /** The audience asked for by {@link #getToken()} and {@link #getToken(String)} (RFC 8707 {@code resource}). */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** Space-separated scopes asked for by {@link #getToken()}. */
        public Builder scopes(String scopes) {
            this.scopes = Objects.requireNonNull(scopes);
            return this;
        }

        /** A ready token to use instead of fetching one. */
        public Builder serviceToken(String serviceToken) {
            this.serviceToken = serviceToken;
            return this;
        }

        public Builder renewBefore(Duration renewBefore) {
            this.renewBefore = Objects.requireNonNull(renewBefore);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http);
            return this;
        }

        /** Where warnings go (default: {@code System.Logger}, level WARNING). */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings);
            return this;
        }

        /**
         * Reads the guide's variables from {@code env} ({@link ProviderEnvironment}); blank values count as unset.
         */
        public Builder environment(Map<String, String> env) {
            ProviderEnvironment.apply(env, this);
            return this;
        }

        /** A private key in PKCS #8 PEM, with {@link #keyId}: read when the provider is built. */
        Builder privateKeyPem(String pem) {
            this.privateKeyPem = pem;
            return this;
        }

        Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public ServiceTokenProvider build() {
            if (presentedAssertion != null && (clientSecret != null || privateKeyPem != null || signer != null)) {
                throw new ServiceTokenException.NotConfigured("SERVICE_CLIENT_ASSERTION_FILE is set together with "
                        + (clientSecret != null ? "SERVICE_CLIENT_SECRET" : "a private key (SERVICE_CLIENT_PRIVATE_KEY(_FILE))")
                        + ": a client authenticates one way, so unset one of them");
            }
            if (privateKeyPem != null) {
                if (keyId == null) {
                    throw new ServiceTokenException.NotConfigured("SERVICE_CLIENT_KEY_ID is required with a private key: "
                            + "the kid of its public half in the client's registered jwks");
                }
                try {
                    privateKey(ClientAssertionSigner.readPkcs8Pem(privateKeyPem), keyId);
                } catch (IllegalArgumentException e) {
                    throw new ServiceTokenException.NotConfigured(e.getMessage());
                }
            }
            return new ServiceTokenProvider(this);
        }
    }
}
