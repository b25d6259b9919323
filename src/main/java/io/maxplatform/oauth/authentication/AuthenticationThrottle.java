package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.error.OAuthException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brute-force protection for client authentication. Failures are counted per client id and source address
 * (so an attacker elsewhere cannot lock a service out, RFC 6819 §5.1.4.2.3) and per source address alone
 * (one address cycling through client ids). Past either limit the request is refused with 429 and
 * {@code Retry-After} before the secret is looked at. Counts live in each node's memory.
 */
@ApplicationScoped
public class AuthenticationThrottle {

    /** Keys held at most per limit (a key is a client id of ≤ 100 characters and an address). */
    static final int MAX_KEYS = 50_000;
    /** Concurrent attempts allowed beyond the limit, so a busy service's parallel requests are not refused. */
    static final int CONCURRENCY_ALLOWANCE = 64;

    @Inject
    @ConfigProperty(name = "auth.failures.per.client.per.minute", defaultValue = "20")
    int perClientAndSource;

    @Inject
    @ConfigProperty(name = "auth.failures.per.source.per.minute", defaultValue = "200")
    int perSource;

    Clock clock = Clock.systemUTC();

    private FailedAuthenticationLimit clientAndSource;
    private FailedAuthenticationLimit source;

    @PostConstruct
    void init() {
        clientAndSource = new FailedAuthenticationLimit(perClientAndSource, CONCURRENCY_ALLOWANCE, MAX_KEYS, clock);
        source = new FailedAuthenticationLimit(perSource, CONCURRENCY_ALLOWANCE, MAX_KEYS, clock);
    }

    /**
     * Counts an authentication attempt before the secret is checked.
     *
     * @throws OAuthException 429 when this client id or this address has failed too often this minute
     */
    public void attempt(String clientId, String sourceAddress) {
        Optional<Duration> wait = source.tryAttempt(sourceAddress);
        if (wait.isEmpty()) {
            wait = clientAndSource.tryAttempt(key(clientId, sourceAddress));
            if (wait.isPresent()) {
                source.release(sourceAddress);
            }
        }
        if (wait.isPresent()) {
            throw OAuthException.tooManyAttempts(Math.max(1, (wait.get().toMillis() + 999) / 1000));
        }
    }

    /** The secret was wrong (or the client unknown or inactive): the attempt counts. */
    public void failed(String clientId, String sourceAddress) {
        clientAndSource.failed(key(clientId, sourceAddress));
        source.failed(sourceAddress);
    }

    /** The attempt succeeded (or failed on the server's side): it does not count against anyone. */
    public void release(String clientId, String sourceAddress) {
        clientAndSource.release(key(clientId, sourceAddress));
        source.release(sourceAddress);
    }

    /** Over-long ids (which no client has) share one key, so they cannot fill memory. */
    private static String key(String clientId, String sourceAddress) {
        String id = clientId.length() > ClientAuthenticator.MAX_CLIENT_ID_LENGTH ? "\u0000too-long" : clientId;
        return id + "\n" + sourceAddress;
    }
}
