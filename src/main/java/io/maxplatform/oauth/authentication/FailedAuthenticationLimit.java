package io.maxplatform.oauth.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Counts failed client authentications in fixed one-minute windows, per key (RFC 6749 §2.3.1: servers MUST
 * protect against brute force). Past the limit, attempts are refused before any secret is checked.
 *
 * <p>Attempts still being checked count too, so guesses sent in parallel cannot all slip through before
 * their failures are recorded; but a service's own concurrent, successful requests must not be refused, so
 * in-flight attempts may exceed the limit by a fixed allowance. At most {@code limit + allowance} secrets
 * are checked per key and window, however the requests are timed. Pure logic, one node's memory; what other
 * instances counted arrives through {@link #block}.
 *
 * <p>Memory is bounded by Caffeine: past {@code maxKeys} it drops the keys least worth keeping, never a key
 * that is throttled now (it weighs nothing until its window ends), so an attacker cycling through addresses
 * cannot push a throttled key out and reset its count, as clearing a full map would. Each throttled key took
 * {@code limit} failures, which the per-address limit bounds, so those are bounded too.
 */
final class FailedAuthenticationLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final int concurrencyAllowance;
    private final Clock clock;
    private final Cache<String, Window> cache;
    private final Map<String, Window> windows;

    private record Window(long startMillis, int failures, int inFlight) {
        boolean endedAt(long now) {
            return now >= startMillis + WINDOW.toMillis();
        }

        Window withInFlight(int delta) {
            return new Window(startMillis, failures, Math.max(0, inFlight + delta));
        }
    }

    FailedAuthenticationLimit(int limit, int concurrencyAllowance, int maxKeys, Clock clock) {
        this.limit = limit;
        this.concurrencyAllowance = concurrencyAllowance;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxKeys)
                .weigher((String key, Window window) -> window.failures() >= limit ? 0 : 1)
                // A window is worth nothing a minute after it was last touched.
                .expireAfterWrite(WINDOW)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Housekeeping on the calling thread: no pool threads of our own inside an app server.
                .executor(Runnable::run)
                .build();
        this.windows = cache.asMap();
    }

    /**
     * Starts an attempt for {@code key}, or refuses it.
     *
     * @return empty when the attempt may go ahead (end it with {@link #failed} or {@link #release});
     *         otherwise how long until the key may try again
     */
    Optional<Duration> tryAttempt(String key) {
        long now = clock.millis();
        Duration[] blocked = new Duration[1];
        windows.compute(key, (k, window) -> {
            if (window == null || window.endedAt(now)) {
                return new Window(now, 0, 1);
            }
            if (window.failures() >= limit || window.failures() + window.inFlight() >= limit + concurrencyAllowance) {
                blocked[0] = Duration.ofMillis(Math.max(1, window.startMillis() + WINDOW.toMillis() - now));
                return window;
            }
            return window.withInFlight(1);
        });
        return Optional.ofNullable(blocked[0]);
    }

    /** The attempt failed: it counts. */
    void failed(String key) {
        windows.computeIfPresent(key, (k, window) ->
                new Window(window.startMillis(), window.failures() + 1, Math.max(0, window.inFlight() - 1)));
    }

    /** The attempt succeeded (or failed on the server's side): it does not count. */
    void release(String key) {
        windows.computeIfPresent(key, (k, window) -> {
            Window released = window.withInFlight(-1);
            return released.failures() == 0 && released.inFlight() == 0 ? null : released;
        });
    }

    /**
     * Another instance's failures brought the shared count for {@code key} to the limit: refuse it here too
     * until the shared window ends, {@code remaining} from now.
     */
    void block(String key, Duration remaining) {
        long now = clock.millis();
        long startMillis = now + remaining.toMillis() - WINDOW.toMillis();
        // Blocked until the later end: the shared minute's, or this instance's own window's (never a shorter one).
        windows.merge(key, new Window(startMillis, limit, 0), (held, shared) -> held.endedAt(now) ? shared
                : new Window(Math.max(held.startMillis(), startMillis), limit, held.inFlight()));
    }

    int size() {
        cache.cleanUp();
        return (int) cache.estimatedSize();
    }
}
