package io.maxplatform.oauth.authentication;

import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.client.ClientCache;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.util.function.Supplier;

/**
 * Confidential-client authentication, by secret or by signed assertion ({@code private_key_jwt}), as the
 * client registered: a client with keys cannot use a secret, nor the other way round. Unknown client, wrong
 * credentials and inactive client fail alike ({@code invalid_client}, no enumeration); the audit reason says
 * which. Both kinds count towards the same failed-authentication limits.
 */
@ApplicationScoped
public class ClientAuthenticator {

    /** Longer secrets are refused before hashing. */
    static final int MAX_SECRET_LENGTH = 512;

    @Inject
    ClientCache clients;

    @Inject
    ClientSecrets secrets;

    @Inject
    AuthenticationThrottle throttle;

    @Inject
    ClientAssertions assertions;

    RegisteredClient authenticate(ClientCredentials credentials, String sourceAddress) {
        return throttled(credentials.clientId(), sourceAddress, () -> verify(credentials));
    }

    /**
     * Throttled under the client id the request claims (its {@code client_id}, else the assertion's
     * {@code sub}), so an assertion that cannot even be read still counts against its sender's address.
     */
    RegisteredClient authenticate(ClientAssertion presented, String sourceAddress) {
        String claimed = presented.clientIdParameter() != null ? presented.clientIdParameter()
                : presented.claimedSubject().orElse("");
        return throttled(claimed, sourceAddress, () -> {
            SignedJWT jwt = presented.parsed();
            String clientId = subject(jwt);
            if (presented.clientIdParameter() != null && !presented.clientIdParameter().equals(clientId)) {
                throw OAuthException.invalidClient("assertion_client_mismatch");
            }
            return verify(clientId, jwt);
        });
    }

    private RegisteredClient throttled(String clientId, String sourceAddress, Supplier<RegisteredClient> verification) {
        throttle.attempt(clientId, sourceAddress);
        RegisteredClient client;
        try {
            client = verification.get();
        } catch (OAuthException failed) {
            if (failed.status() == 429) {
                throttle.release(clientId, sourceAddress); // the server was busy: not the client's failure
            } else {
                throttle.failed(clientId, sourceAddress);
            }
            throw failed;
        } catch (RuntimeException serverSide) {
            // Not the client's failure (the database, say): it must not count towards a lock-out.
            throttle.release(clientId, sourceAddress);
            throw serverSide;
        }
        throttle.release(clientId, sourceAddress);
        return client;
    }

    private static String subject(SignedJWT jwt) {
        try {
            String subject = jwt.getJWTClaimsSet().getSubject();
            if (subject == null || subject.isEmpty()) {
                throw OAuthException.invalidClient("assertion_without_sub");
            }
            return subject;
        } catch (ParseException e) {
            throw OAuthException.invalidClient("malformed_assertion");
        }
    }

    private RegisteredClient verify(String clientId, SignedJWT jwt) {
        if (!ClientId.mayNameAClient(clientId)) {
            throw OAuthException.invalidClient("malformed_client_id");
        }
        RegisteredClient client = clients.find(clientId).orElseThrow(() -> OAuthException.invalidClient("unknown_client"));
        if (!client.usesKeys()) {
            throw OAuthException.invalidClient("assertion_for_secret_client");
        }
        assertions.verify(jwt, client);
        if (!client.isActive()) {
            throw OAuthException.invalidClient("client_inactive");
        }
        return client;
    }

    private RegisteredClient verify(ClientCredentials credentials) {
        if (credentials.clientId().length() > ClientId.MAX_LENGTH
                || credentials.secret().length() > MAX_SECRET_LENGTH) {
            throw OAuthException.invalidClient("credentials_too_long");
        }
        if (!ClientId.mayNameAClient(credentials.clientId())) {
            secrets.matchNothing(credentials.secret());
            throw OAuthException.invalidClient("malformed_client_id");
        }
        RegisteredClient client = clients.find(credentials.clientId()).orElse(null);
        if (client == null) {
            secrets.matchNothing(credentials.clientId(), credentials.secret());
            throw OAuthException.invalidClient("unknown_client");
        }
        if (client.usesKeys()) {
            secrets.matchNothing(credentials.secret());
            throw OAuthException.invalidClient("secret_for_key_client");
        }
        if (!secrets.verify(client, credentials.secret())) {
            throw OAuthException.invalidClient("bad_secret");
        }
        if (!client.isActive()) {
            throw OAuthException.invalidClient("client_inactive");
        }
        return client;
    }
}
