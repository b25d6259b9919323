package io.maxplatform.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Fetched tokens, one per scope set and audience, renewed before they expire: the configured margin, at most
 * half the lifetime, plus up to 10 % jitter so a fleet does not renew in the same second. One thread at a time
 * renews a token; the others keep using the still-valid one, and wait only once it has expired. A failed
 * renewal keeps the valid token and tries again after {@link #RENEWAL_RETRY}.
 */
final class RenewingTokens {

    /** After a failed renewal, how long the still-valid token is used before the next attempt. */
    static final Duration RENEWAL_RETRY = Duration.ofSeconds(30);

    private final TokenEndpoint endpoint;
    private final Duration renewBefore;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** The cached token of one scope set, and the lock that lets one thread at a time renew it. */
    private static final class Slot {
        final ReentrantLock renewal = new ReentrantLock();
        volatile CachedToken token;
    }

    private record CachedToken(String value, Instant expiresAt, Instant renewAt) {
    }

    RenewingTokens(TokenEndpoint endpoint, Duration renewBefore, Clock clock, Consumer<String> warnings) {
        this.endpoint = endpoint;
        this.renewBefore = renewBefore;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** A valid token for {@code scopeKey} (stripped scopes) and {@code resource}, fetched or renewed if due. */
    String get(String scopeKey, String resource) {
        Slot slot = slots.computeIfAbsent(scopeKey + "\n" + (resource == null ? "" : resource), k -> new Slot());
        CachedToken current = slot.token;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.renewAt())) {
            return current.value();
        }
        boolean stillValid = current != null && now.isBefore(current.expiresAt());
        if (stillValid) {
            if (!slot.renewal.tryLock()) {
                return current.value();
            }
        } else {
            slot.renewal.lock();
        }
        try {
            CachedToken latest = slot.token;
            if (latest != null && clock.instant().isBefore(latest.renewAt())) {
                return latest.value();
            }
            try {
                slot.token = fetch(scopeKey, resource);
            } catch (ServiceTokenException e) {
                Instant failedAt = clock.instant();
                if (latest != null && failedAt.isBefore(latest.expiresAt())) {
                    warnings.accept("Renewing the service token failed, using the current one until it expires: "
                            + e.getMessage());
                    // Try again after a pause, not on every call.
                    Instant retryAt = failedAt.plus(RENEWAL_RETRY);
                    slot.token = new CachedToken(latest.value(), latest.expiresAt(),
                            retryAt.isBefore(latest.expiresAt()) ? retryAt : latest.expiresAt());
                    return latest.value();
                }
                throw e;
            }
            return slot.token.value();
        } finally {
            slot.renewal.unlock();
        }
    }

    /** Forgets {@code token} (a server refused it): the next {@link #get} fetches a new one. */
    void forget(String token) {
        for (Slot slot : slots.values()) {
            CachedToken cached = slot.token;
            if (cached != null && cached.value().equals(token)) {
                slot.token = null;
            }
        }
    }

    private CachedToken fetch(String scopes, String resource) {
        TokenEndpoint.Issued issued = endpoint.fetch(scopes, resource);
        Instant expiresAt = issued.sentAt().plus(issued.lifetime());
        return new CachedToken(issued.token(), expiresAt, expiresAt.minus(renewalMargin(issued.lifetime())));
    }

    /** How long before expiry to renew: the configured margin, at most half the lifetime, plus up to 10 % jitter. */
    Duration renewalMargin(Duration lifetime) {
        Duration margin = renewBefore.compareTo(lifetime.dividedBy(2)) < 0 ? renewBefore : lifetime.dividedBy(2);
        long jitterMillis = margin.toMillis() / 10;
        return margin.plusMillis(jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1));
    }
}
