package io.maxplatform.oauth.client;

import io.maxplatform.oauth.error.OAuthException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brute-force protection for client authentication. Failures are counted per client id and source address
 * (so an attacker elsewhere cannot lock a service out, RFC 6819 §5.1.4.2.3) and per source address alone
 * (one address cycling through client ids). Past either limit the request is refused with 429 and
 * {@code Retry-After} before the secret is looked at. Counts live in each node's memory.
 */
@ApplicationScoped
public class AuthenticationThrottle {

    @Inject
    @ConfigProperty(name = "auth.failures.per.client.per.minute", defaultValue = "20")
    int perClientAndSource;

    @Inject
    @ConfigProperty(name = "auth.failures.per.source.per.minute", defaultValue = "200")
    int perSource;

    private FailedAuthenticationLimit clientAndSource;
    private FailedAuthenticationLimit source;

    @PostConstruct
    void init() {
        clientAndSource = new FailedAuthenticationLimit(perClientAndSource, Clock.systemUTC());
        source = new FailedAuthenticationLimit(perSource, Clock.systemUTC());
    }

    /** @throws OAuthException 429 when this client id or this address has failed too often this minute */
    public void check(String clientId, String sourceAddress) {
        Duration wait = clientAndSource.blockedFor(clientId + "\n" + sourceAddress)
                .or(() -> source.blockedFor(sourceAddress))
                .orElse(null);
        if (wait != null) {
            throw OAuthException.tooManyAttempts(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
    }

    public void failed(String clientId, String sourceAddress) {
        clientAndSource.recordFailure(clientId + "\n" + sourceAddress);
        source.recordFailure(sourceAddress);
    }

    public void succeeded(String clientId, String sourceAddress) {
        clientAndSource.reset(clientId + "\n" + sourceAddress);
    }
}
