package io.maxplatform.oauth.authentication;

import java.time.Clock;

/**
 * How many slow (PBKDF2) secret verifications the whole server may start: a token bucket, {@code perSecond}
 * sustained with bursts of up to {@code burst} (a restart, a person retyping a secret). Each
 * costs about 140 ms of a core, and the bootstrap client's id is public, so without a bound a few dozen
 * addresses sending wrong secrets would keep both cores busy and starve every other client. Past the budget
 * a request is refused at once (429, Retry-After); a client whose correct secret was verified before never
 * needs the budget again (its verification is remembered). Pure logic.
 */
final class SlowVerificationBudget {

    private final double perSecond;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long lastRefillMillis;

    SlowVerificationBudget(double perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, burst);
        this.clock = clock;
        this.tokens = capacity;
        this.lastRefillMillis = clock.millis();
    }

    synchronized boolean tryAcquire() {
        long now = clock.millis();
        tokens = Math.min(capacity, tokens + (now - lastRefillMillis) * perSecond / 1000.0);
        lastRefillMillis = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
