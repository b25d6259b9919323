package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * A request to an endpoint where the client authenticates (token, revocation, introspection): its form
 * body and the credentials it presented, each read once. The rules are RFC 6749 §2.3 (one authentication
 * method per request), §2.3.1 (HTTP Basic, or the body; never the URI) and §3.2 (no repeated parameter).
 *
 * <p>The client is authenticated only when {@link #client()} is first asked for, so an endpoint can refuse
 * what needs no client first (the token endpoint an unsupported grant type), as before any secret is checked.
 */
public final class ClientRequest {

    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String CLIENT_ASSERTION = "client_assertion";
    static final String CLIENT_ASSERTION_TYPE = "client_assertion_type";
    /** Requests to these endpoints are a few hundred bytes; anything past this is refused unread. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final FormBody form;
    private final Authorization authorization;
    private final Authenticator authenticator;
    private RegisteredClient client;
    private ClientAssertion assertion;

    /** Authenticates what the request presented: a secret, or a signed assertion. */
    @FunctionalInterface
    interface Authenticator {
        RegisteredClient secret(ClientCredentials credentials);

        default RegisteredClient assertion(ClientAssertion assertion) {
            throw OAuthException.invalidClient("assertion_not_accepted");
        }
    }

    /**
     * What the {@code Authorization} header said, read before the body so a refused request is still audited
     * under the client id it claimed. A header that is not usable Basic credentials is refused only when the
     * credentials are needed, after the body's own errors, as RFC 6749 orders them.
     */
    record Authorization(Optional<ClientCredentials> basic, OAuthException refusal) {

        static Authorization read(String header) {
            if (header == null) {
                return new Authorization(Optional.empty(), null);
            }
            try {
                Optional<ClientCredentials> basic = BasicCredentials.parse(header);
                return new Authorization(basic,
                        basic.isEmpty() ? OAuthException.invalidClient("unsupported_authentication_scheme") : null);
            } catch (OAuthException malformed) {
                return new Authorization(Optional.empty(), malformed);
            }
        }
    }

    private ClientRequest(FormBody form, Authorization authorization, Authenticator authenticator) {
        this.form = form;
        this.authorization = authorization;
        this.authenticator = authenticator;
    }

    /**
     * @param body     the body as read with {@link #MAX_BODY_BYTES}, or null when it was longer
     * @param hasQuery whether the request URI carried a query string
     */
    static ClientRequest read(String body, MediaType type, boolean hasQuery, Authorization authorization,
                              Authenticator authenticator) {
        if (body == null) {
            throw new OAuthException("invalid_request", 413, "The request body is too large", "body_too_large");
        }
        // Exactly this type (parameters such as charset aside): isCompatible would also take */* and application/*.
        if (type == null || !"application".equalsIgnoreCase(type.getType())
                || !"x-www-form-urlencoded".equalsIgnoreCase(type.getSubtype())) {
            throw OAuthException.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        if (hasQuery) {
            throw OAuthException.invalidRequest("Parameters must be sent in the request body, not in the URL");
        }
        return new ClientRequest(FormBody.parse(body), authorization, authenticator);
    }

    public FormBody form() {
        return form;
    }

    /** A parameter the endpoint cannot do without: absent or empty is {@code invalid_request} (RFC 6749 §5.2). */
    public String required(String parameter) {
        return form.get(parameter).orElseThrow(() -> OAuthException.invalidRequest("Missing " + parameter));
    }

    /** The client id the request names, before it is authenticated (for the audit trail). */
    Optional<String> claimedClientId() {
        return authorization.basic().map(ClientCredentials::clientId).or(() -> form.get(CLIENT_ID))
                .or(() -> presentedAssertion().flatMap(ClientAssertion::claimedSubject));
    }

    /** The authenticated client; the first call checks the credentials (and the throttle). */
    public RegisteredClient client() {
        if (client == null) {
            Optional<ClientAssertion> assertion = assertion();
            client = assertion.isPresent() ? authenticator.assertion(assertion.get()) : authenticator.secret(credentials());
        }
        return client;
    }

    /**
     * A client assertion, when the request carries one (RFC 7521 §4.2): both parameters, the type exactly RFC 7523's
     * (or the SPIFFE profile's {@code jwt-spiffe}), and no other authentication beside it (RFC 6749 §2.3).
     */
    Optional<ClientAssertion> assertion() {
        if (!form.has(CLIENT_ASSERTION) && !form.has(CLIENT_ASSERTION_TYPE)) {
            return Optional.empty();
        }
        if (authorization.basic().isPresent() || authorization.refusal() != null || form.has(CLIENT_SECRET)) {
            throw OAuthException.invalidRequest("Use one client authentication method, not a client assertion and a secret together");
        }
        String type = required(CLIENT_ASSERTION_TYPE);
        required(CLIENT_ASSERTION);
        if (!ClientAssertion.TYPE.equals(type) && !ClientAssertion.SPIFFE_TYPE.equals(type)) {
            throw OAuthException.invalidClient("unsupported_assertion_type");
        }
        return presentedAssertion();
    }

    /** The assertion parameter as one object, so its JWT is parsed once for the audit trail and the check. */
    private Optional<ClientAssertion> presentedAssertion() {
        if (assertion == null && form.has(CLIENT_ASSERTION)) {
            assertion = new ClientAssertion(form.get(CLIENT_ID).orElse(null), form.get(CLIENT_ASSERTION).orElseThrow(),
                    form.get(CLIENT_ASSERTION_TYPE).filter(ClientAssertion.SPIFFE_TYPE::equals).isPresent());
        }
        return Optional.ofNullable(assertion);
    }

    ClientCredentials credentials() {
        if (authorization.refusal() != null) {
            throw authorization.refusal();
        }
        if (authorization.basic().isPresent()) {
            ClientCredentials basic = authorization.basic().get();
            if (form.has(CLIENT_SECRET)) {
                throw OAuthException.invalidRequest("Use one client authentication method, not HTTP Basic and client_secret together");
            }
            if (form.get(CLIENT_ID).filter(id -> !id.equals(basic.clientId())).isPresent()) {
                throw OAuthException.invalidRequest("client_id does not match the HTTP Basic credentials");
            }
            return basic;
        }
        Optional<String> clientId = form.get(CLIENT_ID);
        Optional<String> secret = form.get(CLIENT_SECRET);
        if (clientId.isEmpty() && secret.isPresent()) {
            throw OAuthException.invalidRequest("Missing client_id");
        }
        if (clientId.isEmpty() || secret.isEmpty()) {
            throw OAuthException.invalidClient(clientId.isEmpty() ? "no_client_authentication" : "missing_secret");
        }
        return new ClientCredentials(clientId.get(), secret.get());
    }
}
