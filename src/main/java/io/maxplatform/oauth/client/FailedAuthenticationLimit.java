package io.maxplatform.oauth.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed client authentications in fixed one-minute windows, per key (RFC 6749 §2.3.1: servers MUST
 * protect against brute force). Once a key reaches its limit, further attempts in that window are refused
 * before any secret is checked, so guessing costs the server nothing. Pure logic, one node's memory.
 */
final class FailedAuthenticationLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Keys kept at most; past it, windows that have ended are dropped, and if that is not enough, all. */
    static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long startMillis, int failures) {
    }

    FailedAuthenticationLimit(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** How long until {@code key} may try again, when it has used up its attempts. */
    Optional<Duration> blockedFor(String key) {
        Window window = windows.get(key);
        long now = clock.millis();
        if (window == null || window.failures() < limit || now >= window.startMillis() + WINDOW.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(window.startMillis() + WINDOW.toMillis() - now));
    }

    void recordFailure(String key) {
        long now = clock.millis();
        if (windows.size() >= MAX_KEYS) {
            windows.values().removeIf(w -> now >= w.startMillis() + WINDOW.toMillis());
            if (windows.size() >= MAX_KEYS) {
                windows.clear();
            }
        }
        windows.merge(key, new Window(now, 1), (old, fresh) -> now >= old.startMillis() + WINDOW.toMillis()
                ? fresh : new Window(old.startMillis(), old.failures() + 1));
    }

    void reset(String key) {
        windows.remove(key);
    }
}
