package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Brute-force protection for client authentication. Failures are counted per client id and source address
 * (so an attacker elsewhere cannot lock a service out, RFC 6819 §5.1.4.2.3) and per source address alone
 * (one address cycling through client ids). Past either limit the request is refused with 429 and
 * {@code Retry-After} before the secret is looked at.
 *
 * <p>Each instance counts in memory, where a request's attempt is decided without a database round trip, and
 * every failure is also counted in PostgreSQL ({@link FailedAuthenticationRepository}) for all instances together: when the
 * shared count reaches a limit, every instance is told at once (the change feed) and refuses that key until the
 * shared minute or its own window ends, whichever is later. A successful authentication never reads or waits on
 * the shared count. An instance that missed the announcement learns the total at its own next failure.
 */
@ApplicationScoped
public class AuthenticationThrottle implements ReplicatedView {

    private static final Logger LOG = Logger.getLogger(AuthenticationThrottle.class.getName());

    /** Keys held at most per limit (a key is a client id of at most {@link ClientId#MAX_LENGTH} characters and an address). */
    static final int MAX_KEYS = 50_000;
    /** Concurrent attempts allowed beyond the limit, so a busy service's parallel requests are not refused. */
    static final int CONCURRENCY_ALLOWANCE = 64;

    @Inject
    ServerSettings settings;

    int perClientAndSource;
    int perSource;

    @Inject
    FailedAuthenticationRepository shared;

    Clock clock = Clock.systemUTC();

    /** Whether the last attempt to count in the database failed: warned once per outage, not per failure. */
    private volatile boolean sharedCountFailing;

    private FailedAuthenticationLimit clientAndSource;
    private FailedAuthenticationLimit source;

    @PostConstruct
    void init() {
        perClientAndSource = settings.authFailuresPerClientPerMinute();
        perSource = settings.authFailuresPerSourcePerMinute();
        clientAndSource = new FailedAuthenticationLimit(perClientAndSource, CONCURRENCY_ALLOWANCE, MAX_KEYS, clock);
        source = new FailedAuthenticationLimit(perSource, CONCURRENCY_ALLOWANCE, MAX_KEYS, clock);
    }

    /**
     * Counts an authentication attempt before the secret is checked.
     *
     * @throws OAuthException 429 when this client id or this address has failed too often this minute
     */
    public void attempt(String clientId, String address) {
        String sourceAddress = countedAddress(address);
        Optional<Duration> wait = source.tryAttempt(sourceAddress);
        if (wait.isEmpty()) {
            wait = clientAndSource.tryAttempt(key(countedId(clientId), sourceAddress));
            if (wait.isPresent()) {
                source.release(sourceAddress);
            }
        }
        if (wait.isPresent()) {
            throw OAuthException.tooManyAttempts(Math.max(1, (wait.get().toMillis() + 999) / 1000));
        }
    }

    /** The secret was wrong (or the client unknown or inactive): the attempt counts. */
    public void failed(String clientId, String address) {
        String sourceAddress = countedAddress(address);
        String counted = countedId(clientId);
        clientAndSource.failed(key(counted, sourceAddress));
        source.failed(sourceAddress);
        try {
            apply(shared.recordFailure(counted, sourceAddress, perClientAndSource, perSource));
            sharedCountFailing = false;
        } catch (RuntimeException e) {
            // The local count still holds this instance to the limit; the failure answers as it would have.
            if (!sharedCountFailing) {
                FailureLog.warning(LOG, "Failed authentications are counted on this instance only until the database"
                        + " answers again", e);
                sharedCountFailing = true;
            }
        }
    }

    @Override
    public Set<ReplicatedTable> tables() {
        return Set.of(ReplicatedTable.FAILED_AUTHENTICATIONS);
    }

    /** At start, and after the feed was interrupted: the keys all instances' failures have blocked this minute. */
    @Override
    public void reloadAll() {
        apply(shared.atLimitNow(perClientAndSource, perSource));
    }

    /** Another instance's failures brought the shared count with this id to its limit. */
    @Override
    public void reload(ReplicatedTable table, String countId) {
        apply(shared.find(Long.parseLong(countId)));
    }

    private void apply(List<FailedAuthenticationRepository.Count> counts) {
        for (FailedAuthenticationRepository.Count count : counts) {
            if (count.remaining().isZero()) {
                continue;
            }
            if (count.isWholeAddress()) {
                if (count.failures() >= perSource) {
                    source.block(count.sourceAddress(), count.remaining());
                }
            } else if (count.failures() >= perClientAndSource) {
                clientAndSource.block(key(count.clientId(), count.sourceAddress()), count.remaining());
            }
        }
    }

    /** The attempt succeeded (or failed on the server's side): it does not count against anyone. */
    public void release(String clientId, String address) {
        String sourceAddress = countedAddress(address);
        clientAndSource.release(key(countedId(clientId), sourceAddress));
        source.release(sourceAddress);
    }

    /**
     * Ids no client can have ({@link ClientId#mayNameAClient}: empty, over-long, or outside RFC 6749's VSCHAR) are
     * counted as one, {@value #NO_CLIENT}: they cannot fill memory, and the database column takes every counted id
     * as it is.
     */
    static String countedId(String clientId) {
        return ClientId.mayNameAClient(clientId) ? clientId : NO_CLIENT;
    }

    static final String NO_CLIENT = "*";

    /** As the shared table holds it (64 characters; an IPv6 address with a zone takes at most about 55). */
    static String countedAddress(String sourceAddress) {
        return sourceAddress.length() > MAX_ADDRESS_LENGTH ? sourceAddress.substring(0, MAX_ADDRESS_LENGTH) : sourceAddress;
    }

    static final int MAX_ADDRESS_LENGTH = 64;

    private static String key(String countedId, String sourceAddress) {
        return countedId + "\n" + sourceAddress;
    }
}
