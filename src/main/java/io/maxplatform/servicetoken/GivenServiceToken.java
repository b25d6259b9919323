package io.maxplatform.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A {@code SERVICE_TOKEN} given ready in the environment (the guide's way for a script): used as it is until a
 * server refuses it, with a warning at start when it has expired or is about to. Once refused it gives way to fetched
 * tokens, where client credentials are configured.
 */
final class GivenServiceToken {

    private final String token;
    private volatile boolean refused;

    GivenServiceToken(String token, Clock clock, Duration renewBefore, Consumer<String> warnings, boolean canFetch) {
        this.token = token;
        Instant expiresAt = JwtExpiry.of(token);
        if (expiresAt == null) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            warnings.accept("SERVICE_TOKEN expired at " + expiresAt + ": calls with it will be refused"
                    + (!canFetch ? "; set a new SERVICE_TOKEN or client credentials"
                    : "; client credentials will be used instead"));
        } else if (Duration.between(now, expiresAt).compareTo(renewBefore) < 0) {
            warnings.accept("SERVICE_TOKEN expires soon, at " + expiresAt + "; replace it");
        }
    }

    /** Whether it is still the token to use: not refused, or refused with nothing to fetch another with. */
    boolean isToBeUsed(boolean canFetch) {
        return !refused || !canFetch;
    }

    String token() {
        return token;
    }

    /** A server refused {@code presented}: if it is this token, fetched ones take its place. */
    void refused(String presented) {
        if (token.equals(presented)) {
            refused = true;
        }
    }
}
