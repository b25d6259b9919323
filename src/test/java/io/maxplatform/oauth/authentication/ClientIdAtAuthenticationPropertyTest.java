package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.maxplatform.oauth.client.ClientCache;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.federation.Anchor;
import io.maxplatform.oauth.federation.TrustAnchors;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The token endpoint's side of the client-id rule: an id that may name a client ({@link ClientId#mayNameAClient},
 * which takes in every id registration accepts) is looked up and counted under its own name; any other is refused
 * as {@code malformed_client_id} without a lookup, and throttled as one. Either way the answer is the same
 * 401 {@code invalid_client} (RFC 6749 §5.2).
 */
class ClientIdAtAuthenticationPropertyTest {

    private final List<String> lookedUp = new ArrayList<>();
    private final ClientAuthenticator authenticator = new ClientAuthenticator();

    ClientIdAtAuthenticationPropertyTest() {
        authenticator.clients = new ClientCache() {
            @Override
            public Optional<RegisteredClient> find(String clientId) {
                lookedUp.add(clientId);
                return Optional.empty();
            }
        };
        authenticator.secrets = new ClientSecrets() {
            @Override
            void matchNothing(String presentedSecret) {
            }

            @Override
            void matchNothing(String clientId, String presentedSecret) {
            }
        };
        AuthenticationThrottle throttle = new AuthenticationThrottle();
        throttle.settings = ServerSettings.of(Map.of("AUTH_FAILURES_PER_CLIENT_PER_MINUTE", "100000",
                "AUTH_FAILURES_PER_SOURCE_PER_MINUTE", "1000000"));
        throttle.shared = new FailedAuthenticationRepository() {
            @Override
            List<Count> recordFailure(String clientId, String sourceAddress, int perClientAndAddress, int perAddress) {
                return List.of();
            }
        };
        throttle.init();
        authenticator.throttle = throttle;
        authenticator.anchors = new TrustAnchors() {
            @Override
            public Optional<Anchor> forToken(String issuer, String subject, boolean spiffeOnly) {
                return Optional.empty(); // no anchor is registered: every assertion is a client's own
            }
        };
    }

    @Property(tries = 2000)
    void aSecretIsCheckedForEveryIdThatMayNameAClient(@ForAll("ids") String id) {
        OAuthException refused = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(new ClientCredentials(id, "secret"), "192.0.2.1"));

        String expected = id.length() > ClientId.MAX_LENGTH ? "credentials_too_long"
                : ClientId.mayNameAClient(id) ? "unknown_client" : "malformed_client_id";
        assertRefusedAs(expected, refused);
        assertEquals(ClientId.mayNameAClient(id), lookedUp.contains(id), "looked up: " + lookedUp);
    }

    @Property(tries = 1000)
    void anAssertionIsCheckedForEveryIdThatMayNameAClient(@ForAll("ids") String id) {
        String subject = id.isEmpty() ? "x" : id; // an empty sub is a refusal of its own
        OAuthException refused = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(new ClientAssertion(null, unsignedAssertion(subject), false), "192.0.2.1", note -> { }));

        assertRefusedAs(ClientId.mayNameAClient(subject) ? "unknown_client" : "malformed_client_id", refused);
        assertEquals(ClientId.mayNameAClient(subject), lookedUp.contains(subject), "looked up: " + lookedUp);
    }

    @Property(tries = 2000)
    void theThrottleCountsEveryIdThatMayNameAClientUnderItsOwnName(@ForAll("ids") String id) {
        assertEquals(ClientId.mayNameAClient(id) ? id : AuthenticationThrottle.NO_CLIENT, AuthenticationThrottle.countedId(id));
    }

    @Property(tries = 1000)
    void noIdRegistrationAcceptsIsLockedOut(@ForAll("registrable") String id) {
        OAuthException refused = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(new ClientCredentials(id, "secret"), "192.0.2.1"));

        assertRefusedAs("unknown_client", refused);
        assertEquals(id, AuthenticationThrottle.countedId(id));
    }

    /** SERVICE_CLIENT_ID is not held to the admin API's rule for new ids: such an id still authenticates. */
    @Example
    void theBootstrapClientsIdsAreNotLockedOut() {
        for (String id : List.of("ab", "MaxPlatform Service", "svc/1", "x".repeat(ClientId.MAX_LENGTH))) {
            assertRefusedAs("unknown_client", assertThrows(OAuthException.class,
                    () -> authenticator.authenticate(new ClientCredentials(id, "secret"), "192.0.2.1")));
            assertEquals(id, AuthenticationThrottle.countedId(id));
        }
    }

    private static void assertRefusedAs(String reason, OAuthException refused) {
        assertEquals(401, refused.status());
        assertEquals("invalid_client", refused.error());
        assertEquals(reason, refused.auditReason());
    }

    /** Its signature is never looked at: the id is refused, or its client unknown, first. */
    private static String unsignedAssertion(String subject) {
        return Base64URL.encode("{\"alg\":\"ES256\"}") + "."
                + Base64URL.encode(new JWTClaimsSet.Builder().subject(subject).build().toString()) + ".c2ln";
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("az09._-B ~\u007f\u00e9\u0000\t").ofMaxLength(102),
                Arbitraries.strings().ascii().ofMaxLength(102),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> registrable() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMinLength(3).ofMaxLength(100)
                .filter(ClientId::isRegistrable);
    }
}
