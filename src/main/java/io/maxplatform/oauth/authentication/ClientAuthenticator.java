package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Confidential-client authentication for the token endpoint. Unknown client, wrong secret and inactive
 * client fail alike ({@code invalid_client}, no enumeration); the audit reason says which.
 */
@ApplicationScoped
public class ClientAuthenticator {

    /** Longer ids cannot exist (the column is 100 characters); longer secrets are refused before hashing. */
    static final int MAX_CLIENT_ID_LENGTH = 100;
    static final int MAX_SECRET_LENGTH = 512;

    @Inject
    ClientRepository clients;

    @Inject
    ClientSecrets secrets;

    @Inject
    AuthenticationThrottle throttle;

    Client authenticate(ClientCredentials credentials, String sourceAddress) {
        throttle.attempt(credentials.clientId(), sourceAddress);
        Client client;
        try {
            client = verify(credentials);
        } catch (OAuthException failed) {
            if (failed.status() == 429) {
                throttle.release(credentials.clientId(), sourceAddress); // the server was busy: not the client's failure
            } else {
                throttle.failed(credentials.clientId(), sourceAddress);
            }
            throw failed;
        } catch (RuntimeException serverSide) {
            // Not the client's failure (the database, say): it must not count towards a lock-out.
            throttle.release(credentials.clientId(), sourceAddress);
            throw serverSide;
        }
        throttle.release(credentials.clientId(), sourceAddress);
        return client;
    }

    private Client verify(ClientCredentials credentials) {
        if (credentials.clientId().length() > MAX_CLIENT_ID_LENGTH
                || credentials.secret().length() > MAX_SECRET_LENGTH) {
            throw OAuthException.invalidClient("credentials_too_long");
        }
        // RFC 6749 Appendix A.1: client-id = *VSCHAR. Anything else names no client, and must not reach the
        // database, which would refuse a NUL as an error of its own and make bad input look like an outage.
        if (!credentials.clientId().chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            secrets.matchNothing(credentials.secret());
            throw OAuthException.invalidClient("malformed_client_id");
        }
        Client client = clients.find(credentials.clientId()).orElse(null);
        if (client == null) {
            secrets.matchNothing(credentials.clientId(), credentials.secret());
            throw OAuthException.invalidClient("unknown_client");
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
