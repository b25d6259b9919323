package io.maxplatform.oauth.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts client authentication attempts that have not (yet) succeeded, in fixed one-minute windows, per
 * key (RFC 6749 §2.3.1: servers MUST protect against brute force). An attempt is counted when it starts,
 * atomically, so requests sent in parallel cannot all slip under the limit; a success gives it back. Past
 * the limit, attempts are refused before any secret is checked. Pure logic, one node's memory.
 */
final class FailedAuthenticationLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long startMillis, int attempts) {
        boolean endedAt(long now) {
            return now >= startMillis + WINDOW.toMillis();
        }
    }

    FailedAuthenticationLimit(int limit, int maxKeys, Clock clock) {
        this.limit = limit;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /**
     * Counts an attempt for {@code key}, or refuses it.
     *
     * @return empty when the attempt may go ahead; otherwise how long until the key may try again
     */
    Optional<Duration> tryAttempt(String key) {
        long now = clock.millis();
        evictEndedWindowsIfFull(now);
        Duration[] blocked = new Duration[1];
        windows.compute(key, (k, window) -> {
            if (window == null || window.endedAt(now)) {
                return new Window(now, 1);
            }
            if (window.attempts() >= limit) {
                blocked[0] = Duration.ofMillis(window.startMillis() + WINDOW.toMillis() - now);
                return window;
            }
            return new Window(window.startMillis(), window.attempts() + 1);
        });
        return Optional.ofNullable(blocked[0]);
    }

    /** The attempt succeeded: it no longer counts. */
    void release(String key) {
        windows.computeIfPresent(key, (k, window) -> window.attempts() <= 1 ? null
                : new Window(window.startMillis(), window.attempts() - 1));
    }

    int size() {
        return windows.size();
    }

    /** Bounded memory: past {@code maxKeys}, ended windows go, and if that is not enough, everything. */
    private void evictEndedWindowsIfFull(long now) {
        if (windows.size() >= maxKeys) {
            windows.values().removeIf(window -> window.endedAt(now));
            if (windows.size() >= maxKeys) {
                windows.clear();
            }
        }
    }
}
